import Domain
import Foundation
import Notify
import Signing
import Storage
import Testing

/// Signed webhook deliveries to a real receiver child process that verifies with the official
/// `standardwebhooks` Python library.
@Suite("webhook deliveries", .serialized)
struct WebhookDeliveryTests {
  private static let channel = OutboxChannel(id: "ch_hook", userID: "u_anna", kind: "webhook")

  private func endpoint(_ receiver: WebhookReceiver, secrets: [String]) throws
    -> [String: NotificationEndpoint]
  {
    let parsed = try secrets.map { try WebhookSecret(scheme: .standardWebhooks, text: $0) }
    return [Self.channel.id: .webhook(url: receiver.url, secrets: parsed)]
  }

  @Test(
    "a notification arrives once, verified by the official library, with webhook-id = notification id"
  )
  func deliversVerified() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [secret])
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(endpoints: try endpoint(receiver, secrets: [secret]))
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    let records = try receiver.records()
    #expect(records.count == 1)
    let record = try #require(records.first)
    #expect(record.webhookId == id)
    #expect(record.verified == [true])
    let body = try #require(
      JSONSerialization.jsonObject(with: Data(record.body.utf8)) as? [String: Any])
    #expect(body["type"] as? String == "candidate.job_changed")
    #expect(body["timestamp"] is String)
    let data = try #require(body["data"] as? [String: Any])
    #expect((data["recruiter"] as? [String: Any])?["id"] as? String == "u_anna")
    #expect((data["candidate"] as? [String: Any])?["id"] as? String == String(fixture.candidateID))
    #expect((data["changes"] as? [[String: Any]])?.first?["after"] as? String == "Initech")
    #expect(try fixture.attempts(id).map(\.statusCode) == [200])
  }

  @Test(
    "a running dispatcher delivers as soon as it is woken, not after its poll interval",
    .timeLimit(.minutes(1)))
  func wokenDispatcher() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [secret])
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let dispatcher = fixture.dispatcher(
      endpoints: try endpoint(receiver, secrets: [secret]), pollInterval: .seconds(3600))
    let running = Task { await dispatcher.run() }
    defer { running.cancel() }
    // The first pass finds nothing; the dispatcher then waits an hour unless it is woken.
    try await Task.sleep(for: .milliseconds(300))
    let id = try fixture.enqueueJobChange()
    dispatcher.wake()
    while try fixture.notification(id)?.status != .delivered {
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(try receiver.records().map(\.webhookId) == [id])
  }

  @Test("during a rotation both secrets sign: a receiver holding either one verifies")
  func rotationSignsWithBoth() async throws {
    let fixture = try OutboxFixture()
    let old = OutboxFixture.newSecret()
    let new = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [old, new])
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(endpoints: try endpoint(receiver, secrets: [old, new]))
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    let record = try #require(try receiver.records().first)
    #expect(record.signatureEntries == 2)
    #expect(record.verified == [true, true])
  }

  @Test(
    "a receiver that is down and comes back gets everything, with the same webhook-id on every attempt"
  )
  func downThenBack() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let first = try WebhookReceiver(directory: fixture.directory, secrets: [secret])
    let port = first.port
    first.stop()  // down: connections are refused
    try fixture.register([Self.channel])
    let ids = try (0..<3).map { _ in try fixture.enqueueJobChange() }
    let dispatcher = fixture.dispatcher(
      endpoints: [
        Self.channel.id: .webhook(
          url: "http://127.0.0.1:\(port)/hooks",
          secrets: [try WebhookSecret(scheme: .standardWebhooks, text: secret)])
      ], delays: [0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])
    try await dispatcher.dispatchDue()
    for id in ids {
      #expect(try fixture.attempts(id).map(\.outcome) == ["retry"])
      #expect(try fixture.notification(id)?.status == .delivering)
    }
    // Back, but failing once with 503 before accepting.
    let receiver = try WebhookReceiver(
      directory: fixture.directory, secrets: [secret], status: "503", port: port)
    defer { receiver.stop() }
    #expect(try await fixture.drive(dispatcher) { try receiver.records().count >= 3 })
    try receiver.answer("200")
    #expect(
      try await fixture.drive(dispatcher) {
        try ids.allSatisfy { try fixture.notification($0)?.status == .delivered }
      })
    let records = try receiver.records()
    #expect(Set(records.compactMap(\.webhookId)) == Set(ids))
    #expect(records.allSatisfy { $0.verified == [true] })
    for id in ids {
      let forID = records.filter { $0.webhookId == id }
      #expect(forID.count >= 2)
      #expect(forID.last?.status == 200)
      #expect(try fixture.attempts(id).count == forID.count + 1)
    }
  }

  @Test("410 Gone disables the channel and tells the recruiter through the feed")
  func goneDisables() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(
      directory: fixture.directory, secrets: [secret], status: "410")
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(endpoints: try endpoint(receiver, secrets: [secret]))
    #expect(try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .dead })
    #expect(try fixture.isDisabled("ch_hook") == true)
    let feed = try fixture.feed("u_anna")
    #expect(feed.contains { $0.kind == NotificationKind.channelDisabled.rawValue })
    // Later notifications are not sent to the disabled channel.
    let later = try fixture.enqueueJobChange()
    try await dispatcher.dispatchDue()
    #expect(try receiver.records().count == 1)
    #expect(try fixture.notification(later)?.status == .delivered)
  }

  @Test("429 with Retry-After is honoured before the next attempt")
  func retryAfterHonoured() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(
      directory: fixture.directory, secrets: [secret], status: "429 2")
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(endpoints: try endpoint(receiver, secrets: [secret]))
    #expect(try await fixture.drive(dispatcher) { try receiver.records().count == 1 })
    try receiver.answer("200")
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    let records = try receiver.records()
    #expect(records.map(\.status) == [429, 200])
    #expect(records[1].at - records[0].at >= 1.9)
  }

  @Test(
    "after the last attempt the notification is dead with its attempts log; redrive delivers it")
  func exhaustedThenRedriven() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(
      directory: fixture.directory, secrets: [secret], status: "500")
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(
      endpoints: try endpoint(receiver, secrets: [secret]), delays: [0, 0.05, 0.05])
    #expect(try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .dead })
    let attempts = try fixture.attempts(id)
    #expect(attempts.map(\.outcome) == ["retry", "retry", "dead"])
    #expect(attempts.allSatisfy { $0.statusCode == 500 && $0.error != nil })
    try receiver.answer("200")
    let requeued = try fixture.redriveDead()
    #expect(requeued == [id])
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    #expect(try fixture.attempts(id).count == 4)
    #expect(Set(try receiver.records().compactMap(\.webhookId)) == [id])
  }

  @Test("3xx is a failure, not a success")
  func redirectIsFailure() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(
      directory: fixture.directory, secrets: [secret], status: "302")
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(
      endpoints: try endpoint(receiver, secrets: [secret]), delays: [0, 0.05])
    #expect(try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .dead })
    #expect(try fixture.attempts(id).map(\.statusCode) == [302, 302])
  }

  @Test("the SSRF guard refuses a loopback target that is not allow-listed; nothing is sent")
  func ssrfRefused() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [secret])
    defer { receiver.stop() }
    try fixture.register([Self.channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(
      endpoints: try endpoint(receiver, secrets: [secret]), allowLoopback: false)
    #expect(try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .dead })
    let attempts = try fixture.attempts(id)
    #expect(attempts.count == 1)
    #expect(
      attempts.first?.error?.contains("refused by SSRF guard: target address is loopback") == true)
    #expect(try receiver.records().isEmpty)
  }

  @Test("a Slack channel gets an incoming-webhook message with text and blocks")
  func slackMessage() async throws {
    let fixture = try OutboxFixture()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [])
    defer { receiver.stop() }
    let slack = OutboxChannel(id: "ch_slack", userID: "u_anna", kind: "slack")
    try fixture.register([slack])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(endpoints: [slack.id: .slack(url: receiver.url)])
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    let record = try #require(try receiver.records().first)
    let body = try #require(
      JSONSerialization.jsonObject(with: Data(record.body.utf8)) as? [String: Any])
    #expect((body["text"] as? String)?.contains("Engineer at Acme") == true)
    let blocks = try #require(body["blocks"] as? [[String: Any]])
    #expect(blocks.first?["type"] as? String == "header")
    #expect(record.body.contains("current_company: Acme → Initech"))
    #expect(record.webhookId == nil)
  }

  @Test("provider text in a Slack message is escaped: no mention, no link, shown as written")
  func slackEscaping() async throws {
    let fixture = try OutboxFixture()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [])
    defer { receiver.stop() }
    let slack = OutboxChannel(id: "ch_slack", userID: "u_anna", kind: "slack")
    try fixture.register([slack])
    let id = try fixture.enqueueJobChange(
      summary: "<!channel> <https://evil.example/login|Re-authenticate> & co")
    let dispatcher = fixture.dispatcher(endpoints: [slack.id: .slack(url: receiver.url)])
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    let record = try #require(try receiver.records().first)
    let body = try #require(
      JSONSerialization.jsonObject(with: Data(record.body.utf8)) as? [String: Any])
    let text = try #require(body["text"] as? String)
    #expect(!text.contains("<!channel>") && !text.contains("<https://"))
    #expect(
      text.contains("&lt;!channel&gt; &lt;https://evil.example/login|Re-authenticate&gt; &amp; co"))
    let blocks = try #require(body["blocks"] as? [[String: Any]])
    let section = try #require((blocks[1]["text"] as? [String: Any])?["text"] as? String)
    #expect(!section.contains("<") && !section.contains(">"))
  }
}
