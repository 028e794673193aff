import Domain
import Enrichment
import Foundation
import Storage
import Synchronization

/// Seeds a migrated database file with candidates, pipelines and signals for plan and refresh tests.
struct PlanTestDatabase {
  /// The database file.
  let path: String
  /// The reference instant.
  let now: Date

  /// Creates and migrates `planning.db` in `directory`, with one inbox row for signals.
  init(directory: TemporaryDirectory, now: Date) throws {
    path = directory.path + "/planning.db"
    self.now = now
    try withConnection { connection in
      _ = try Migrator(Schema.migrations).migrate(connection)
      try connection.run(
        """
        INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body_size)
        VALUES (1, 'test', 'd1', 'standard-webhooks', 'canonical', 0, '{}', 0)
        """)
    }
  }

  /// Runs `body` on a fresh connection to the file.
  func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
    try body(Connection(path: path))
  }

  /// A candidate with a stored profile, verified `verifiedDaysAgo` days ago (nil: never).
  func candidate(
    _ id: Int64, verifiedDaysAgo: Double?, profile: CandidateProfile? = nil,
    contactedDaysAgo: Double? = nil
  ) throws {
    let verified = verifiedDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) }
    let json = try profile.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    try withConnection { connection in
      try connection.run(
        """
        INSERT INTO candidates (id, provider, provider_id, profile_url, created_at, last_verified_at,
          enriched_at, sourced_at, contacted_at, profile, current_title, current_company)
        VALUES (?, 'crustdata', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(id), .text("p\(id)"), .text(Self.url(id)), .date(verified), .date(verified),
          .date(now.addingTimeInterval(-5 * 86_400)),  // sourced recently: inside retention
          .date(contactedDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) }),
          json.map { .text($0) } ?? .null, profile?.currentTitle.map { .text($0) } ?? .null,
          profile?.currentCompany.map { .text($0) } ?? .null,
        ])
    }
  }

  /// An open vacancy `vacancy` with `candidate` in its pipeline, last active `activityDaysAgo` days ago.
  func pipeline(candidate: Int64, vacancy: Int64, activityDaysAgo: Double) throws {
    try withConnection { connection in
      try connection.run(
        """
        INSERT OR IGNORE INTO vacancies (id, title, criteria, owner_user_id, is_open, created_at, updated_at)
        VALUES (?, 'Engineer', '{}', 'u_anna', 1, 0, 0)
        """, [.integer(vacancy)])
      try connection.run(
        """
        INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id,
          confirmed_at, stage_changed_by_user_id, stage_changed_at, last_activity_at)
        VALUES (?, ?, 'sourced', 'u_anna', 'u_anna', 0, 'u_anna', 0, ?)
        """,
        [
          .integer(candidate), .integer(vacancy),
          .date(now.addingTimeInterval(-activityDaysAgo * 86_400)),
        ])
    }
  }

  /// A signal about `candidate` detected `detectedDaysAgo` days ago.
  func signal(candidate: Int64, kind: Signal.Kind, detectedDaysAgo: Double) throws {
    try withConnection { connection in
      let ordinal = try connection.queryOne("SELECT COUNT(*) FROM signals")?.int(0) ?? 0
      let at = now.addingTimeInterval(-detectedDaysAgo * 86_400)
      try connection.run(
        """
        INSERT INTO signals (inbox_id, ordinal, candidate_id, kind, detected_at, received_at, signal)
        VALUES (1, ?, ?, ?, ?, ?, '{}')
        """, [.integer(ordinal), .integer(candidate), .text(kind.rawValue), .date(at), .date(at)])
    }
  }

  /// The profile URL of candidate `id`.
  static func url(_ id: Int64) -> String { "https://linkedin.com/in/person-\(id)" }
}

/// A provider stand-in: answers from a table of profiles, counts every profile it is asked for (what a
/// per-call-billing provider would charge), and can be told to fail.
final class CountingEnricher: PersonEnricher {
  private struct State {
    var profiles: [String: CandidateProfile] = [:]
    var charged: [String: Int] = [:]
    var calls = 0
    var failNextCalls = 0
  }
  private let state = Mutex(State())

  /// Creates an enricher answering with `profiles` by URL (unknown URLs: no match).
  init(profiles: [String: CandidateProfile]) {
    state.withLock { $0.profiles = profiles }
  }

  /// Profiles billed per URL.
  var charged: [String: Int] { state.withLock { $0.charged } }
  /// Calls made.
  var calls: Int { state.withLock { $0.calls } }

  /// Makes the next `count` calls fail as unavailable (billing nothing).
  func failNext(_ count: Int) { state.withLock { $0.failNextCalls = count } }

  /// Answers from the table, billing every matched profile.
  func enrich(profileURLs: [String], purpose: EnrichmentPurpose) async throws(EnrichmentError)
    -> [EnrichmentOutcome]
  {
    let result: Result<[EnrichmentOutcome], EnrichmentError> = state.withLock { state in
      state.calls += 1
      if state.failNextCalls > 0 {
        state.failNextCalls -= 1
        return .failure(EnrichmentError(.unavailable, "injected"))
      }
      return .success(
        profileURLs.map { url in
          guard let profile = state.profiles[url] else {
            return EnrichmentOutcome(requestedURL: url, result: .noMatch)
          }
          state.charged[url, default: 0] += 1
          return EnrichmentOutcome(
            requestedURL: url,
            result: .matched(
              EnrichedPerson(
                providerID: url.split(separator: "-").last.map { "p\($0)" }, profileURL: url,
                profile: profile)))
        })
    }
    return try result.get()
  }

  /// Not used by refreshes.
  func fetchContactData(profileURL: String, purpose: EnrichmentPurpose)
    async throws(EnrichmentError)
    -> ContactData?
  {
    nil
  }
}
