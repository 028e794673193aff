import Foundation
import HTTPServer
import Storage

/// The always-on feed: `GET /api/v1/notifications` (the caller's own, newest first; `?unread=true`,
/// `?limit=N`) and `POST /api/v1/notifications/{id}/read`.
///
/// `authenticate` maps a request to the caller's user id (nil = 401): the admin API's bearer-token
/// `Authentication` in `serve`.
struct NotificationRoutes: Sendable {
  /// The database.
  let database: Database
  /// The caller's user id, or nil when the request is not authenticated.
  let authenticate: @Sendable (Request) -> String?

  /// Adds both routes to `router`.
  func register(in router: inout Router) {
    let database = database
    let authenticate = authenticate
    router.add("GET", "/api/v1/notifications") { request async -> Response in
      guard let user = authenticate(request) else { return Self.unauthorized }
      let unread = request.query["unread"] == "true"
      let limit = min(max(Int(request.query["limit"] ?? "") ?? 50, 1), 500)
      do {
        let items = try await database.read {
          try OutboxStore.feed(recipient: user, unreadOnly: unread, limit: limit, in: $0)
        }
        let body = "{\"notifications\":[" + items.map(Self.json).joined(separator: ",") + "]}"
        return Response.json(status: 200, Array(body.utf8))
      } catch {
        return .error(status: 500, code: "internal", message: "The feed could not be read.")
      }
    }
    router.add("POST", "/api/v1/notifications/{id}/read") { request async -> Response in
      guard let user = authenticate(request) else { return Self.unauthorized }
      let id = request.pathParameters["id"] ?? ""
      do {
        let found = try await database.write {
          try OutboxStore.markRead(id: id, recipient: user, at: Date(), in: $0)
        }
        guard found else {
          return .error(status: 404, code: "not_found", message: "No such notification.")
        }
        return Response.json(status: 200, Array("{\"id\":\(Self.string(id)),\"read\":true}".utf8))
      } catch {
        return .error(status: 500, code: "internal", message: "The read mark could not be saved.")
      }
    }
  }

  private static let unauthorized = Response.error(
    status: 401, code: "unauthorized", message: "A valid bearer token is required.")

  /// One feed entry as JSON; `data` is the stored object verbatim.
  static func json(_ item: OutboxNotification) -> String {
    var fields = [
      "\"id\":\(string(item.id))", "\"type\":\(string(item.kind))",
      "\"summary\":\(string(item.summary))", "\"status\":\(string(item.status.rawValue))",
      "\"created_at\":\(string(rfc3339(item.createdAt)))",
      "\"read_at\":\(item.readAt.map { string(rfc3339($0)) } ?? "null")",
      "\"candidate_id\":\(item.candidateID.map(String.init) ?? "null")",
      "\"vacancy_id\":\(item.vacancyID.map(String.init) ?? "null")",
    ]
    fields.append("\"data\":\(item.data)")
    return "{" + fields.joined(separator: ",") + "}"
  }

  static func rfc3339(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }

  /// A JSON string literal.
  static func string(_ text: String) -> String {
    let data =
      (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]))
      ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }
}
