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
enum IngestStage: String {
  case verified
  case deferred

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
    router.add("POST", "/webhooks/{source}") { request, response in
      guard
        (try? verifier.verify(header: { request.headers[$0] }, body: request.body, now: Date()))
          != nil
      else {
        response.send(.error(status: 401, code: "not_verified", message: "not verified"))
        return
      }
      if deferred {
        answering.async { response.send(.json(status: 202, accepted)) }
      } else {
        response.send(.json(status: 202, accepted))
      }
    }
  }
}
