import Dispatch
import Foundation
import HTTPServer
import Signing

/// The stages of the ingest path, served without the database so `Benchmarks/ingest.sh` can show what
/// each stage costs under the same load:
/// - `verified`: `POST /webhooks/{source}` verifies the Standard Webhooks signature over the raw body (as
///   `WebhookEndpoint` does, same secret as the benchmark's deliveries) and answers 202 from the handler.
/// - `deferred`: the same, but the answer is sent from another thread after the handler returned, so
///   the connection is suspended and resumed as when the group-commit writer answers (no database).
/// - `durable`: the same, answered by a group commit to a plain append-only file (`DurableLog`): one
///   write and one `fdatasync` per batch, the floor under any store that acknowledges only what is on
///   disk. `durable-parallel`: the same over four files synced independently.
enum IngestStage: String {
  case verified
  case deferred
  case durable
  case durableParallel = "durable-parallel"

  /// The secret `Benchmarks/gen_deliveries.py` signs with.
  static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  /// Adds the webhook route for this stage to `router`.
  func register(in router: inout Router) throws {
    let verifier = WebhookVerifier(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: Self.secret)])
    let accepted: [UInt8] = Array(#"{"status":"accepted","id":1}"#.utf8)
    let answering = DispatchQueue(label: "bench.ingest.answers")
    let deferred = self == .deferred
    let log =
      self == .durable || self == .durableParallel
      ? try DurableLog(
        path: FileManager.default.temporaryDirectory.path + "/bench-durable-\(getpid()).log",
        streams: self == .durableParallel ? 4 : 1)
      : nil
    router.add("POST", "/webhooks/{source}") { request, response in
      guard
        (try? verifier.verify(header: { request.headers[$0] }, body: request.body, now: Date()))
          != nil
      else {
        response.send(.error(status: 401, code: "not_verified", message: "not verified"))
        return
      }
      if let log {
        log.append(request.body, answering: response)
      } else if deferred {
        answering.async { response.send(.json(status: 202, accepted)) }
      } else {
        response.send(.json(status: 202, accepted))
      }
    }
  }
}
