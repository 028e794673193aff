public import Domain
import Foundation
public import HTTPClient
public import Logging
import Signing
public import Storage

/// Delivers the outbox at least once: claims due deliveries in a short transaction, sends them outside
/// it (concurrently), and records each attempt with the delivery policy's decision in another.
///
/// A crash between send and record leaves the delivery claimed until its lease ends; it is then sent
/// again with the same `webhook-id`, so receivers de-duplicate.
public final class NotificationDispatcher: Sendable {
  private let database: Database
  /// Where each channel delivers; channels added through the API join it while the service runs.
  public let endpoints: NotificationEndpointTable
  private let policy: NotificationDeliveryPolicy
  private let urlGuard: OutboundURLGuard
  private let http: HTTPClient
  private let email: NotificationEmailSender?
  private let clock: any Clock
  private let logger: Logger
  private let batchSize: Int
  private let auditor: (@Sendable (OutboxAttempt, Connection) throws -> Void)?
  private let pollInterval: Duration
  private let wakeup = DispatchWakeup()

  /// Creates a dispatcher for the channels in `endpoints` (keyed by channel id).
  public init(
    database: Database, endpoints: [String: NotificationEndpoint],
    policy: NotificationDeliveryPolicy, urlGuard: OutboundURLGuard, http: HTTPClient,
    email: NotificationEmailSender?, clock: any Clock, logger: Logger, batchSize: Int = 32,
    pollInterval: Duration = .milliseconds(250),
    auditor: (@Sendable (OutboxAttempt, Connection) throws -> Void)? = nil
  ) {
    self.auditor = auditor
    self.database = database
    self.endpoints = NotificationEndpointTable(endpoints)
    self.policy = policy
    self.urlGuard = urlGuard
    self.http = http
    self.email = email
    self.clock = clock
    self.logger = logger
    self.batchSize = max(1, batchSize)
    self.pollInterval = pollInterval
  }

  /// How long a claim holds before an unrecorded delivery is due again.
  private var lease: TimeInterval {
    Double(policy.timeout.components.seconds) * 2 + 30
  }

  /// Tells a running dispatcher that notifications were enqueued: its idle wait ends now instead of
  /// after the poll interval. Producers call it from the transaction that enqueues (the dispatcher's
  /// claim is a write, so it runs after that transaction commits).
  public func wake() {
    wakeup.signal()
  }

  /// Runs until cancelled: dispatches what is due, waits up to `pollInterval` (or until `wake`) when
  /// nothing was.
  public func run() async {
    while !Task.isCancelled {
      let sent: Int
      do {
        sent = try await dispatchDue()
      } catch {
        logger.error("notification dispatch failed", ["error": .string(String(describing: error))])
        sent = 0
      }
      if sent == 0 {
        await wakeup.wait(upTo: pollInterval)
      }
    }
  }

  /// One pass: claims up to `batchSize` due deliveries, sends them concurrently and records every
  /// attempt; returns how many were attempted.
  @discardableResult
  public func dispatchDue() async throws -> Int {
    let now = clock.now()
    let lease = self.lease
    let limit = batchSize
    let claimed = try await database.write {
      try OutboxStore.claimDue(now: now, lease: lease, limit: limit, in: $0)
    }
    guard !claimed.isEmpty else { return 0 }
    let attempts = await withTaskGroup(of: OutboxAttempt.self) { group in
      for delivery in claimed {
        group.addTask { await self.attempt(delivery) }
      }
      var results: [OutboxAttempt] = []
      for await attempt in group { results.append(attempt) }
      return results
    }
    try await database.write { connection in
      for attempt in attempts {
        try OutboxStore.record(attempt, in: connection)
        try self.auditor?(attempt, connection)
      }
    }
    return claimed.count
  }

  /// Sends one delivery and decides what follows.
  private func attempt(_ delivery: OutboxDelivery) async -> OutboxAttempt {
    let started = clock.now()
    let monotonic = ContinuousClock.now
    let outcome: ChannelOutcome
    if let endpoint = endpoints.endpoint(for: delivery.channelID) {
      outcome = await send(delivery, to: endpoint, at: started)
    } else {
      outcome = ChannelOutcome(result: .refused, statusCode: nil, error: "channel not configured")
    }
    let elapsed = ContinuousClock.now - monotonic
    let milliseconds =
      Int(elapsed.components.seconds * 1000)
      + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
    let finished = started.addingTimeInterval(Double(milliseconds) / 1000)
    let decision = policy.decide(
      outcome.result, attemptsMade: delivery.attempts + 1, now: finished,
      unitRandom: Double.random(in: 0..<1))
    let metadata: Logger.Metadata = [
      "notification.id": .string(delivery.notificationID),
      "channel.id": .string(delivery.channelID),
      "attempt": .integer(delivery.attempts + 1), "status": .integer(outcome.statusCode ?? 0),
      "latency_ms": .integer(milliseconds),
    ]
    switch decision {
    case .delivered: logger.info("notification delivered", metadata)
    case .retry: logger.notice("notification attempt failed, will retry", metadata)
    case .dead: logger.warning("notification dead-lettered", metadata)
    case .disableChannel: logger.warning("notification channel disabled (410)", metadata)
    }
    return OutboxAttempt(
      deliveryID: delivery.id, attemptedAt: started, statusCode: outcome.statusCode,
      latencyMilliseconds: milliseconds, error: outcome.error, decision: decision)
  }

  /// What a channel send came back with.
  private struct ChannelOutcome {
    var result: NotificationAttemptResult
    var statusCode: Int?
    var error: String?
  }

  private func send(_ delivery: OutboxDelivery, to endpoint: NotificationEndpoint, at now: Date)
    async -> ChannelOutcome
  {
    switch endpoint {
    case .webhook(let url, let secrets):
      let body = NotificationRenderer.webhookBody(delivery)
      let signer = WebhookSigner(scheme: .standardWebhooks, secrets: secrets)
      let headers =
        [(name: "content-type", value: "application/json")]
        + signer.headers(deliveryID: delivery.notificationID, timestamp: now, body: body)
      return await post(url: url, headers: headers, body: body)
    case .slack(let url):
      return await post(
        url: url, headers: [(name: "content-type", value: "application/json")],
        body: NotificationRenderer.slackBody(delivery))
    case .email(let address):
      guard let email else {
        return ChannelOutcome(result: .refused, statusCode: nil, error: "no smtp configured")
      }
      do {
        let message = try NotificationRenderer.email(
          delivery, from: email.from, to: address, date: now)
        let reply = try await email.client.send(message)
        return ChannelOutcome(result: .status(200, retryAfter: nil), statusCode: reply, error: nil)
      } catch let error as SMTPClientError {
        if error == .invalidMessage || error == .invalidURL {
          return ChannelOutcome(
            result: .refused, statusCode: error.replyCode, error: error.description)
        }
        if let reply = error.replyCode {
          // An SMTP 4xx is temporary (like 503), a 5xx is a failure that the schedule retries.
          let status = reply < 500 ? 503 : 500
          return ChannelOutcome(
            result: .status(status, retryAfter: nil), statusCode: reply, error: error.description)
        }
        return ChannelOutcome(result: .transportFailure, statusCode: nil, error: error.description)
      } catch {
        return ChannelOutcome(result: .transportFailure, statusCode: nil, error: "smtp failure")
      }
    }
  }

  private func post(url: String, headers: [(name: String, value: String)], body: [UInt8]) async
    -> ChannelOutcome
  {
    let (guardVerdict, addresses) = await Task.detached { [urlGuard] in urlGuard.vet(url) }.value
    switch guardVerdict {
    case .allowed: break
    case .unresolvable:
      return ChannelOutcome(
        result: .transportFailure, statusCode: nil, error: "host did not resolve")
    case .refused(let reason):
      return ChannelOutcome(
        result: .refused, statusCode: nil, error: "refused by SSRF guard: \(reason)")
    }
    do {
      // Connect to the addresses the guard checked, not to whatever the name resolves to next.
      var request = HTTPClientRequest(
        method: "POST", url: url, headers: headers, body: body, timeout: policy.timeout,
        connectTimeout: min(policy.timeout, .seconds(10)), followRedirects: false,
        maximumResponseBytes: 64 * 1024)
      request.pinnedAddresses = addresses
      let response = try await http.send(request)
      return ChannelOutcome(
        result: .status(
          response.status,
          retryAfter: Self.retryAfter(response.header("retry-after"), now: clock.now())),
        statusCode: response.status,
        error: response.isSuccess ? nil : "receiver answered \(response.status)")
    } catch {
      return ChannelOutcome(result: .transportFailure, statusCode: nil, error: error.description)
    }
  }

  /// `Retry-After` as seconds from `now`: delta-seconds or an HTTP date; nil when absent or unreadable.
  static func retryAfter(_ value: String?, now: Date) -> TimeInterval? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
      return nil
    }
    if let seconds = Int(value), seconds >= 0 { return TimeInterval(seconds) }
    return HTTPDate.parse(value).map { max(0, $0.timeIntervalSince(now)) }
  }
}
