import Domain
import Foundation
import HTTPServer
import Signing
import Synchronization

/// The recruiters' end of the demo: a loopback webhook receiver that verifies every notification's
/// Standard Webhooks signature and keeps what arrived.
final class DemoReceiver: Sendable {
  /// One verified notification.
  struct Received: Sendable {
    /// The `webhook-id` (the notification id).
    var id: String
    /// The event type (`candidate.job_changed`, ...).
    var type: String
    /// The one-line summary, when the payload has one.
    var summary: String
  }

  private let server: Server
  private let inbox: Inbox

  /// What arrived, shared with the route handler.
  private final class Inbox: Sendable {
    let received = Mutex<[Received]>([])
  }

  /// The bound port.
  let port: Int

  /// Starts a receiver that verifies with `secret`.
  init(secret: String) throws {
    let verifier = WebhookVerifier(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: secret)])
    let inbox = Inbox()
    var router = Router()
    router.post("/hooks/{recruiter}") { request in
      guard
        let delivery = try? verifier.verify(
          header: { request.headers[$0] }, body: request.body, now: Date())
      else {
        return .error(status: 401, code: "bad_signature", message: "Signature did not verify.")
      }
      let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
      let data = object?["data"] as? [String: Any]
      let item = Received(
        id: delivery.deliveryID, type: object?["type"] as? String ?? "?",
        summary: data?["summary"] as? String ?? "")
      inbox.received.withLock { list in
        if !list.contains(where: { $0.id == item.id }) { list.append(item) }
      }
      return .json(status: 200, Array(#"{"ok":true}"#.utf8))
    }
    server = Server(configuration: ServerConfiguration(host: "127.0.0.1", port: 0), router: router)
    port = try server.start()
    self.inbox = inbox
  }

  /// Everything received so far (each notification once, even when retried).
  var notifications: [Received] { inbox.received.withLock { $0 } }

  /// Stops the receiver.
  func stop() { server.stop(timeout: .seconds(2)) }
}
