import Foundation
import HTTPClient
import Signing

/// Sends fixtures to a receiver: each body read when its turn comes, signed byte-exact with a fresh
/// timestamp, posted by `concurrency` senders, at most `rate` per second; reports each answer as it comes.
struct ReplaySender: Sendable {
  /// One delivery's result, handed to the reporter.
  struct Outcome: Sendable {
    /// The fixture's body path.
    let path: String
    /// The delivery id that was sent.
    let deliveryID: String
    /// How it was answered.
    let answer: ReplayAnswer
    /// The HTTP status, when there was an answer.
    let status: Int?
    /// From just before sending to the answer.
    let latency: Duration
    /// Why it failed, when it did (never a secret or a body).
    let reason: String?
  }

  /// The `.body` files, in the order to send them.
  let fixtures: [String]
  /// The full webhook URL (`.../webhooks/NAME`); nil with `dryRun`.
  let url: String?
  /// Signers by scheme, for the schemes whose secret could be read.
  let signers: [SignatureScheme: WebhookSigner]
  /// The scheme that wins over the fixtures' own (`--scheme`, or the configured source's).
  let schemeOverride: SignatureScheme?
  /// Appended to every delivery id (`--new-ids`), or nil to keep them.
  let idSuffix: String?
  /// Deliveries per second at most, or nil for no limit.
  let rate: Double?
  /// Parallel senders.
  let concurrency: Int
  /// Sign but do not send.
  let dryRun: Bool

  /// Sends everything; `report` is called once per delivery, from the senders' tasks.
  func run(client: HTTPClient?, report: @escaping @Sendable (Outcome) -> Void) async {
    let pacer = ReplayPacer(rate: rate)
    let fixtures = self.fixtures
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<max(1, min(concurrency, fixtures.count)) {
        group.addTask {
          while true {
            let index = pacer.claim()
            guard index < fixtures.count else { return }
            await pacer.wait()
            report(await send(fixtures[index], client: client))
          }
        }
      }
    }
  }

  /// Prepares and sends one fixture.
  private func send(_ path: String, client: HTTPClient?) async -> Outcome {
    let started = ContinuousClock.now
    func failure(_ id: String, _ reason: String) -> Outcome {
      Outcome(
        path: path, deliveryID: id, answer: .failed, status: nil,
        latency: ContinuousClock.now - started, reason: reason)
    }
    let fixture: ReplayFixture
    let body: [UInt8]
    do {
      fixture = try ReplayFixture(bodyPath: path)
      body = try fixture.readBody()
    } catch {
      return failure("-", "\(error)")
    }
    let deliveryID = fixture.deliveryID + (idSuffix ?? "")
    guard let scheme = schemeOverride ?? fixture.scheme.flatMap(SignatureScheme.init(rawValue:))
    else {
      return failure(
        deliveryID, "no signature scheme: give --scheme or a meta file with \"scheme\"")
    }
    guard let signer = signers[scheme] else {
      return failure(deliveryID, "the secret is not usable for the \(scheme.rawValue) scheme")
    }
    let headers = signer.headers(deliveryID: deliveryID, timestamp: Date(), body: body)
    guard let client, let url, !dryRun else {
      return Outcome(
        path: path, deliveryID: deliveryID, answer: .dryRun, status: nil,
        latency: ContinuousClock.now - started, reason: nil)
    }
    let sendStarted = ContinuousClock.now
    do {
      let response = try await client.send(
        HTTPClientRequest(
          method: "POST", url: url, headers: headers + [("content-type", "application/json")],
          body: body, timeout: .seconds(30), connectTimeout: .seconds(10),
          maximumResponseBytes: 64 * 1024))
      return Outcome(
        path: path, deliveryID: deliveryID,
        answer: ReplayAnswer.classify(status: response.status, body: response.body),
        status: response.status, latency: ContinuousClock.now - sendStarted, reason: nil)
    } catch {
      return Outcome(
        path: path, deliveryID: deliveryID, answer: .failed, status: nil,
        latency: ContinuousClock.now - sendStarted, reason: "\(error)")
    }
  }
}
