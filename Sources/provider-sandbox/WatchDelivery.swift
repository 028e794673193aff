import Foundation
import HTTPClient
import Signing

/// Builds and posts the signed Crustdata watch delivery for one scripted change.
struct WatchDelivery: Sendable {
  /// The watch id every sandbox delivery carries.
  static let watchID: Int64 = 9_001

  /// The delivery id (`x-crustdata-event-id` / `webhook-id`): stable for a person's n-th change.
  let id: String
  /// The body bytes exactly as posted and signed.
  let body: [UInt8]

  /// The delivery of change `number` of `person` with `changes`; `eventID` overrides the derived id.
  init(person: SandboxPerson, changes: [JSONValue], number: Int, eventID: String?, now: Date) {
    let stem = "sbx_\(person.key)_\(number)"
    id = eventID ?? "evt_\(stem)"
    var record = person.personData(sections: [
      "basic_profile", "professional_network", "experience", "education", "skills",
    ])
    var basic = record["basic_profile"] ?? .object([:])
    if basic["profile_url"] == nil { basic["profile_url"] = .string(person.profileURL) }
    record["basic_profile"] = basic
    let payload: JSONValue = .object([
      "metadata": .object([
        "watch_id": .integer(Self.watchID), "kind": "entity", "dataset": "person",
        "api_version": "2025-11-01", "run_id": .string("run_\(stem)"),
        "notification_id": .string("ntf_\(stem)"), "delivered_at": .string(now.formatted(.iso8601)),
        "test": .bool(false),
        "summary": .object([
          "delivered": .integer(1), "total_count": .integer(1),
          "max_results_per_run": .integer(1_000), "truncated": .bool(false),
        ]),
      ]),
      "results": .array([.object(["changes": .array(changes), "record": record])]),
    ])
    body = payload.encoded()
  }

  /// Posts the delivery to `url` signed by `signer`; the receiver's status, or nil with a reason.
  func post(to url: String, signer: WebhookSigner, client: HTTPClient, now: Date) async -> (
    status: Int?, error: String?
  ) {
    let headers = signer.headers(deliveryID: id, timestamp: now, body: body)
    let request = HTTPClientRequest(
      method: "POST", url: url,
      headers: headers + [(name: "content-type", value: "application/json")], body: body,
      timeout: .seconds(15), connectTimeout: .seconds(5))
    do {
      let response = try await client.send(request)
      return (response.status, nil)
    } catch {
      return (nil, "\(error)")
    }
  }
}
