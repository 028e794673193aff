import Domain
import Foundation
import HTTPClient
import Logging
import Notify
import Signing
import Storage

/// A migrated database in a temporary directory, a candidate, and helpers to enqueue and dispatch.
final class OutboxFixture: Sendable {
  /// The temporary directory.
  let directory: URL
  /// The database.
  let database: Database
  /// A candidate row id.
  let candidateID: Int64
  /// The HTTP client the dispatchers use.
  let http = HTTPClient()

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notify-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    database = try Database(path: directory.appendingPathComponent("tw.db").path, readerCount: 1)
    let migrator = try Migrator(Schema.migrations)
    candidateID = try database.writeSync { connection in
      _ = try migrator.migrate(connection)
      return try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: "4815162342", profileURL: nil, now: Date(),
        in: connection)
    }
  }

  deinit {
    http.shutdown()
    database.close()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Registers channels for their users.
  func register(_ channels: [OutboxChannel]) throws {
    try database.writeSync { try OutboxStore.syncChannels(channels, now: Date(), in: $0) }
  }

  /// Enqueues a job change for `recipient` (no digest key unless `digest`), returns its id.
  @discardableResult
  func enqueueJobChange(
    recipient: String = "u_anna", now: Date = Date(),
    summary: String = "Engineer at Acme → Staff at Initech",
    digest: Bool = false
  ) throws -> String {
    let event = NotificationEvent(
      kind: .jobChanged, candidateID: candidateID, summary: summary,
      changes: [NotificationChange(field: "current_company", before: "Acme", after: "Initech")],
      observedAt: now)
    var draft = NotificationPolicy().drafts(
      for: event, audience: NotificationAudience(pipelineOwner: recipient, vacancyOwner: nil),
      now: now
    )[0]
    if !digest { draft.digestKey = nil }
    return try database.writeSync { try OutboxStore.enqueue(draft, in: $0) }
  }

  /// A dispatcher with a compressed schedule, allowing loopback unless `allowLoopback` is false.
  func dispatcher(
    endpoints: [String: NotificationEndpoint],
    delays: [TimeInterval] = [0, 0.05, 0.05, 0.05, 0.05],
    allowLoopback: Bool = true, email: NotificationEmailSender? = nil,
    pollInterval: Duration = .milliseconds(250)
  ) -> NotificationDispatcher {
    NotificationDispatcher(
      database: database, endpoints: endpoints,
      policy: NotificationDeliveryPolicy(
        schedule: NotificationRetrySchedule(delays: delays, jitterFraction: 0.1),
        timeout: .seconds(15)),
      urlGuard: OutboundURLGuard(allowedHosts: allowLoopback ? ["127.0.0.1", "localhost"] : []),
      http: http, email: email, clock: SystemClock(),
      logger: Logger(label: "test", sink: Logger.MemorySink()), pollInterval: pollInterval)
  }

  /// Runs dispatch passes until `done` holds or `timeout` passes; returns whether it held.
  func drive(
    _ dispatcher: NotificationDispatcher, timeout: TimeInterval = 10,
    until done: () throws -> Bool
  ) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      try await dispatcher.dispatchDue()
      if try done() { return true }
      try await Task.sleep(for: .milliseconds(20))
    }
    return try done()
  }

  /// The stored notification.
  func notification(_ id: String) throws -> OutboxNotification? {
    try database.readSync { try OutboxStore.find(id: id, in: $0) }
  }

  /// Its attempts.
  func attempts(_ id: String) throws -> [OutboxAttemptRecord] {
    try database.readSync { try OutboxStore.attempts(notificationID: id, in: $0) }
  }

  /// A fresh Standard Webhooks secret.
  static func newSecret() -> String {
    "whsec_" + Base64.encode(SecureRandom.bytes(count: 32))
  }
}

extension OutboxFixture {
  /// Whether the channel is disabled.
  func isDisabled(_ channelID: String) throws -> Bool? {
    try database.readSync { try OutboxStore.isChannelDisabled(id: channelID, in: $0) }
  }

  /// The recipient's feed.
  func feed(_ recipient: String) throws -> [OutboxNotification] {
    try database.readSync { try OutboxStore.feed(recipient: recipient, in: $0) }
  }

  /// Redrives every dead notification.
  func redriveDead() throws -> [String] {
    try database.writeSync { try OutboxStore.redriveDead(now: Date(), in: $0) }
  }
}
