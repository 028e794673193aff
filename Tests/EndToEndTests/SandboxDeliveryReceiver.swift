import Foundation
import HTTPServer
import Signing
import Synchronization

/// A webhook receiver on loopback built from our `HTTPServer`: verifies each delivery with our
/// `WebhookVerifier` and keeps what arrived.
final class SandboxDeliveryReceiver: Sendable {
  /// One received delivery.
  struct Received: Sendable {
    /// The verified delivery id, or nil when verification failed.
    let verifiedID: String?
    /// Why verification failed, if it did.
    let failure: String?
    /// The raw body.
    let body: [UInt8]
  }

  private let server: Server
  /// The bound port.
  let port: Int

  /// Starts a receiver verifying with `verifier`.
  init(verifier: WebhookVerifier) throws {
    var router = Router()
    let box = SandboxReceivedBox()
    router.post("/webhooks/crustdata") { request in
      var headers: [String: String] = [:]
      for field in request.headers { headers[field.name.lowercased()] = field.value }
      let entry: Received
      do {
        let verified = try verifier.verify(
          header: { headers[$0] }, body: request.body, now: Date())
        entry = Received(verifiedID: verified.deliveryID, failure: nil, body: request.body)
      } catch {
        entry = Received(verifiedID: nil, failure: "\(error)", body: request.body)
      }
      box.append(entry)
      return entry.verifiedID == nil
        ? .error(status: 401, code: "bad_signature", message: "refused")
        : Response(status: 202)
    }
    server = Server(configuration: ServerConfiguration(host: "127.0.0.1", port: 0), router: router)
    port = try server.start()
    self.box = box
  }

  private let box: SandboxReceivedBox

  /// The URL to give the sandbox as `--webhook-url`.
  var url: String { "http://127.0.0.1:\(port)/webhooks/crustdata" }

  /// Everything received so far.
  var deliveries: [Received] { box.all }

  /// Stops the server.
  func stop() { server.stop(timeout: .seconds(1)) }
}

/// The receiver's deliveries behind a mutex, shared with its handler.
private final class SandboxReceivedBox: Sendable {
  private let items = Mutex<[SandboxDeliveryReceiver.Received]>([])
  /// Adds one.
  func append(_ item: SandboxDeliveryReceiver.Received) { items.withLock { $0.append(item) } }
  /// All so far.
  var all: [SandboxDeliveryReceiver.Received] { items.withLock { $0 } }
}
