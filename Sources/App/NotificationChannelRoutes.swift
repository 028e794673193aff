import Domain
import Foundation
import HTTPServer
import Notify
import Signing
import Storage

/// A recruiter's own notification channels through the API, beside those in the configuration file:
/// `POST /api/v1/notifications/channels` (`{"kind": "webhook", "url": …, "secrets": […]}`, `slack` with a
/// `url`, `email` with an `address`), `GET` (without secrets) and `DELETE …/{id}` (disables it). A new
/// channel takes part from the next notification on; outbound URLs pass the SSRF guard when added.
struct NotificationChannelRoutes: Sendable {
  let database: Database
  let clock: any Clock
  let endpoints: NotificationEndpointTable
  let urlGuard: OutboundURLGuard
  let authenticate: @Sendable (Request) -> String?

  /// The endpoint a stored channel delivers to.
  static func endpoint(for channel: OutboxStore.APIChannel) throws -> NotificationEndpoint {
    switch channel.kind {
    case "webhook":
      return .webhook(
        url: channel.target,
        secrets: try channel.secrets.map { try WebhookSecret(scheme: .standardWebhooks, text: $0) })
    case "slack": return .slack(url: channel.target)
    default: return .email(address: channel.target)
    }
  }

  func register(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/notifications/channels") { (request: Request) async -> Response in
      guard let user = routes.authenticate(request) else { return Self.unauthorized }
      return await routes.add(request, for: user)
    }
    router.add("GET", "/api/v1/notifications/channels") { (request: Request) async -> Response in
      guard let user = routes.authenticate(request) else { return Self.unauthorized }
      let channels = try? await routes.database.read {
        try OutboxStore.apiChannels(userID: user, in: $0)
      }
      let items: [[String: Any]] = (channels ?? []).map {
        ["id": $0.id, "kind": $0.kind, "target": $0.target, "enabled": $0.disabledAt == nil]
      }
      return Self.json(200, ["channels": items])
    }
    router.add("DELETE", "/api/v1/notifications/channels/{id}") {
      (request: Request) async -> Response in
      guard let user = routes.authenticate(request) else { return Self.unauthorized }
      let id = request.pathParameters["id"] ?? ""
      let now = routes.clock.now()
      let removed =
        (try? await routes.database.write {
          try OutboxStore.removeAPIChannel(id: id, userID: user, now: now, in: $0)
        }) ?? false
      guard removed else {
        return .error(status: 404, code: "not_found", message: "No such channel of yours.")
      }
      routes.endpoints.remove(id)
      return Response(status: 204)
    }
  }

  private func add(_ request: Request, for user: String) async -> Response {
    guard let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
    else { return Self.invalid("body", "expected a JSON object") }
    let kind = body["kind"] as? String ?? ""
    let target: String
    var secrets: [String] = []
    switch kind {
    case "webhook", "slack":
      guard let url = body["url"] as? String, !url.isEmpty else {
        return Self.invalid("url", "required for a \(kind) channel")
      }
      if case .refused(let reason) = urlGuard.check(url) {
        return Self.invalid("url", "refused: \(reason)")
      }
      target = url
      if kind == "webhook" {
        secrets = (body["secrets"] as? [String]) ?? (body["secret"] as? String).map { [$0] } ?? []
        guard !secrets.isEmpty,
          secrets.allSatisfy({ (try? WebhookSecret(scheme: .standardWebhooks, text: $0)) != nil })
        else { return Self.invalid("secrets", "one or more Standard Webhooks secrets (whsec_…)") }
      }
    case "email":
      guard let address = body["address"] as? String, address.contains("@") else {
        return Self.invalid("address", "an email address is required")
      }
      target = address
    default:
      return Self.invalid("kind", "expected webhook, slack or email")
    }
    let channel = OutboxStore.APIChannel(
      id: "ch_api_" + Hex.encode(SecureRandom.bytes(count: 10)), userID: user, kind: kind,
      target: target, secrets: secrets)
    do {
      let endpoint = try Self.endpoint(for: channel)
      let now = clock.now()
      try await database.write { try OutboxStore.addAPIChannel(channel, now: now, in: $0) }
      endpoints.set(endpoint, for: channel.id)
    } catch {
      return .error(status: 500, code: "internal", message: "The channel could not be stored.")
    }
    return Self.json(201, ["id": channel.id, "kind": kind, "target": target, "enabled": true])
  }

  private static let unauthorized = Response.error(
    status: 401, code: "unauthorized", message: "A valid bearer token is required.")

  private static func invalid(_ field: String, _ message: String) -> Response {
    .error(status: 422, code: "invalid", message: "\(field): \(message)")
  }

  private static func json(_ status: Int, _ object: [String: Any]) -> Response {
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return .json(status: status, Array(data))
  }
}
