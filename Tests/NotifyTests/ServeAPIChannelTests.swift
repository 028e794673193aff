import Domain
import Foundation
import HTTPClient
import Signing
import Storage
import TestSupport
import Testing

/// A recruiter adds their own webhook channel through the API of a running `serve`: the next notification
/// for them is delivered to it, signed (checked by the official Standard Webhooks library); the list never
/// shows secrets; removing the channel stops new deliveries to it.
@Suite("notification channels through the API", .serialized)
struct ServeAPIChannelTests {
  @Test("a channel added through the API receives signed deliveries, and removing it stops them")
  func apiChannel() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [secret])
    defer { receiver.stop() }
    let token = "tw_test_token_ben"
    let config: [String: Any] = [
      "listen": "127.0.0.1:0",
      "database": fixture.database.path,
      "users": [
        [
          "id": "u_ben", "name": "Ben", "role": "recruiter",
          "token_sha256": SHA256Digest.hex(Array(token.utf8)),
        ]
      ],
      "notifications": [
        "allow_private_hosts": ["127.0.0.1"], "retry_schedule_seconds": [0, 1, 1],
        "digest_window_seconds": 600,
      ],
    ]
    let configPath = fixture.directory.appendingPathComponent("talentwatch.json")
    try JSONSerialization.data(withJSONObject: config).write(to: configPath)
    let serve = try ServeProcess(configPath: configPath.path, directory: fixture.directory)
    defer { serve.stop() }
    let auth = (name: "Authorization", value: "Bearer \(token)")

    let refused = try await fixture.http.send(
      HTTPClientRequest(
        method: "POST", url: "\(serve.baseURL)/api/v1/notifications/channels",
        headers: [auth, ("content-type", "application/json")],
        body: Array(
          #"{"kind":"webhook","url":"http://169.254.169.254/x","secret":"\#(secret)"}"#.utf8)))
    #expect(refused.status == 422, "a metadata address is refused when the channel is added")

    let created = try await fixture.http.send(
      HTTPClientRequest(
        method: "POST", url: "\(serve.baseURL)/api/v1/notifications/channels",
        headers: [auth, ("content-type", "application/json")],
        body: Array(#"{"kind":"webhook","url":"\#(receiver.url)","secrets":["\#(secret)"]}"#.utf8)))
    #expect(created.status == 201)
    let channel = try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any]
    let channelID = try #require(channel?["id"] as? String)

    let listed = try await fixture.http.send(
      HTTPClientRequest(url: "\(serve.baseURL)/api/v1/notifications/channels", headers: [auth]))
    #expect(listed.status == 200)
    #expect(
      !String(decoding: listed.body, as: UTF8.self).contains(secret), "secrets are never listed")
    #expect(String(decoding: listed.body, as: UTF8.self).contains(channelID))

    let first = try fixture.enqueueJobChange(recipient: "u_ben")
    let deadline = Date().addingTimeInterval(15)
    while try receiver.records().isEmpty && Date() < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    let record = try #require(try receiver.records().first, "serve log: \(serve.log)")
    #expect(record.webhookId == first)
    #expect(record.verified == [true])

    let removed = try await fixture.http.send(
      HTTPClientRequest(
        method: "DELETE", url: "\(serve.baseURL)/api/v1/notifications/channels/\(channelID)",
        headers: [auth]))
    #expect(removed.status == 204)
    let second = try fixture.enqueueJobChange(
      recipient: "u_ben", summary: "Staff at Initech → Principal at Hooli")
    let deliveries = try await fixture.database.read { connection in
      try connection.queryOne(
        "SELECT count(*) FROM notification_deliveries WHERE notification_id = ?", [.text(second)]
      )?.int(0)
    }
    #expect(deliveries == 0, "a removed channel gets no new deliveries")
  }
}
