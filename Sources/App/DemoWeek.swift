import Foundation
import Signing

/// Plays the scenario's week of provider deliveries, in order, and keeps what each was answered.
struct DemoWeek {
  let api: DemoAPI
  let scenario: DemoScenario
  let fixtures: URL
  let credentials: DemoRunner.Credentials

  /// Plays the events of one phase: the week itself, or the late deliveries after its refresh.
  func play(afterRefresh: Bool) async throws -> [DemoRunner.SentDelivery] {
    var sent: [DemoRunner.SentDelivery] = []
    for event in scenario.week where event.afterRefresh == afterRefresh {
      switch event.action {
      case "provider_change":
        var body: [String: Any] = ["kind": event.kind ?? "new_job"]
        if let company = event.company { body["company"] = company }
        if let title = event.title { body["title"] = title }
        if let location = event.location { body["location"] = location }
        let answer = try await api.providerChange(person: event.person ?? "", body: body)
        let status = (answer.json["receiver_status"] as? NSNumber)?.intValue ?? answer.status
        sent.append(.init(day: event.day, what: Self.describe(event), status: status))
      case "fixture", "forged_delivery":
        let name = event.fixture ?? ""
        let body = Array(try Data(contentsOf: fixtures.appendingPathComponent(name + ".body")))
        let meta =
          (try? JSONSerialization.jsonObject(
            with: Data(contentsOf: fixtures.appendingPathComponent(name + ".meta.json"))))
          as? [String: Any]
        let deliveryID = meta?["delivery_id"] as? String ?? "demo-\(name)"
        let source = event.source ?? "partner"
        let scheme: SignatureScheme = source == "crustdata" ? .crustdata : .standardWebhooks
        var secret = source == "crustdata" ? credentials.apiKey : credentials.partnerSecret
        if event.action == "forged_delivery" {
          secret = "whsec_" + Base64.encode(SecureRandom.bytes(count: 32))
        }
        for _ in 0..<max(1, event.times) {
          let status = try await api.deliver(
            body: body, source: source, scheme: scheme, secret: secret, deliveryID: deliveryID)
          sent.append(.init(day: event.day, what: Self.describe(event), status: status))
        }
      default:
        continue
      }
    }
    return sent
  }

  private static func describe(_ event: DemoScenario.Event) -> String {
    if let note = event.note { return note }
    switch event.kind {
    case "new_job":
      return
        "provider: person \(event.person ?? "?") started at \(event.company ?? "a new company")"
    case "open_to_work": return "provider: person \(event.person ?? "?") is open to work"
    case "moved": return "provider: person \(event.person ?? "?") moved to \(event.location ?? "?")"
    default: return event.action
    }
  }
}
