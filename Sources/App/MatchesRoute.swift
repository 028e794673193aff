import Domain
import Foundation
public import HTTPServer
public import Storage

/// `GET /api/v1/vacancies/{id}/matches?limit=&after=`: the handler, for mounting behind the admin API's
/// authentication (`router.add("GET", MatchesRoute.pattern, async: MatchesRoute.handler(database:))`).
public enum MatchesRoute {
  /// The route pattern.
  public static let pattern = "/api/v1/vacancies/{id}/matches"
  /// Page size when `limit` is absent.
  public static let defaultLimit = 50
  /// The largest page size.
  public static let maxLimit = 500

  /// The handler: 404 for an unknown vacancy, 400 for a bad `limit` or `after`.
  public static func handler(database: Database) -> @Sendable (Request) async -> Response {
    { request in
      guard let text = request.pathParameters["id"], let id = Int64(text) else {
        return .error(status: 404, code: "not_found", message: "No such vacancy.")
      }
      var limit = defaultLimit
      if let value = request.query["limit"] {
        guard let parsed = Int(value), (1...maxLimit).contains(parsed) else {
          return .error(
            status: 400, code: "invalid_limit", message: "limit must be between 1 and \(maxLimit).")
        }
        limit = parsed
      }
      var cursor: ScoreCursor?
      if let value = request.query["after"] {
        guard let parsed = ScoreCursor(value) else {
          return .error(
            status: 400, code: "invalid_after", message: "after must be a next_after value.")
        }
        cursor = parsed
      }
      let pageSize = limit
      let after = cursor
      do {
        let page = try await database.read { connection -> MatchesPage? in
          try Self.page(vacancyID: id, limit: pageSize, after: after, in: connection)
        }
        guard let page else {
          return .error(status: 404, code: "not_found", message: "No such vacancy.")
        }
        return .json(status: 200, encoding: page)
      } catch {
        return .error(
          status: 500, code: "internal", message: "The match list could not be read.")
      }
    }
  }

  /// One page of a vacancy's matches, or nil when the vacancy does not exist; read from one snapshot, so
  /// the order, the breakdowns and the total agree even while the re-matcher writes.
  public static func page(
    vacancyID: Int64, limit: Int, after cursor: ScoreCursor?, in connection: Connection
  ) throws -> MatchesPage? {
    try connection.transaction { () throws -> MatchesPage? in
      guard let vacancy = try MatchingStore.vacancy(id: vacancyID, in: connection) else {
        return nil
      }
      let rows = try ScoreStore.matches(
        vacancyID: vacancyID, limit: limit, after: cursor, in: connection)
      var explainer = ScoreExplainer(connection: connection)
      let entries = try rows.map { row in
        MatchesPage.Entry(
          candidateID: row.candidateID, score: row.score,
          contributions: try explainer.contributions(of: row),
          modelVersion: row.modelVersion, trigger: row.trigger,
          scoredAt: row.scoredAt.formatted(.iso8601), isStopped: !vacancy.aiScoring)
      }
      let next =
        rows.count == limit
        ? rows.last.map { ScoreCursor(score: $0.score, candidateID: $0.candidateID).description }
        : nil
      return MatchesPage(
        vacancyID: vacancyID, scoringStopped: !vacancy.aiScoring,
        total: try ScoreStore.count(vacancyID: vacancyID, in: connection), matches: entries,
        nextAfter: next)
    }
  }
}
