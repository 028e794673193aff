import Domain
import Foundation
import HTTPClient
import Signing
import Storage
import TestSupport
import Testing

/// `talentwatch serve` as a child process: its dispatcher delivers what a producer put in the outbox to
/// a configured webhook channel, the feed API shows it to its recipient only, and the CLI lists it.
@Suite("serve with notifications", .serialized)
struct ServeNotificationsTests {
  @Test(
    "a notification enqueued in the database is delivered by serve, shown in the feed and listed")
  func endToEnd() async throws {
    let fixture = try OutboxFixture()
    let secret = OutboxFixture.newSecret()
    let receiver = try WebhookReceiver(directory: fixture.directory, secrets: [secret])
    defer { receiver.stop() }
    let token = "tw_test_token_anna"
    let config: [String: Any] = [
      "listen": "127.0.0.1:0",
      "database": fixture.database.path,
      "users": [
        [
          "id": "u_anna", "name": "Anna", "role": "recruiter",
          "token_sha256": SHA256Digest.hex(Array(token.utf8)),
          "channels": [["kind": "webhook", "url": receiver.url, "secrets": [secret]]],
        ],
        [
          "id": "u_ben", "name": "Ben", "role": "recruiter",
          "token_sha256": SHA256Digest.hex(Array("tw_other".utf8)),
        ],
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
    let id = try fixture.enqueueJobChange()
    let deadline = Date().addingTimeInterval(15)
    while try receiver.records().isEmpty && Date() < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    let record = try #require(try receiver.records().first, "serve log: \(serve.log)")
    #expect(record.webhookId == id)
    #expect(record.verified == [true])

    let feed = try await fixture.http.send(
      HTTPClientRequest(
        url: "\(serve.baseURL)/api/v1/notifications",
        headers: [(name: "Authorization", value: "Bearer \(token)")]))
    #expect(feed.status == 200)
    let object = try JSONSerialization.jsonObject(with: Data(feed.body)) as? [String: Any]
    let items = try #require(object?["notifications"] as? [[String: Any]])
    #expect(items.map { $0["id"] as? String } == [id])
    #expect(items.first?["type"] as? String == "candidate.job_changed")

    let other = try await fixture.http.send(
      HTTPClientRequest(
        url: "\(serve.baseURL)/api/v1/notifications",
        headers: [(name: "Authorization", value: "Bearer tw_other")]))
    #expect(String(decoding: other.body, as: UTF8.self) == #"{"notifications":[]}"#)
    let anonymous = try await fixture.http.send(
      HTTPClientRequest(url: "\(serve.baseURL)/api/v1/notifications"))
    #expect(anonymous.status == 401)
    let foreignRead = try await fixture.http.send(
      HTTPClientRequest(
        method: "POST", url: "\(serve.baseURL)/api/v1/notifications/\(id)/read",
        headers: [(name: "Authorization", value: "Bearer tw_other")]))
    #expect(foreignRead.status == 404)
    let read = try await fixture.http.send(
      HTTPClientRequest(
        method: "POST", url: "\(serve.baseURL)/api/v1/notifications/\(id)/read",
        headers: [(name: "Authorization", value: "Bearer \(token)")]))
    #expect(read.status == 200)
    #expect(try fixture.feed("u_anna").first?.readAt != nil)

    let list = try runCLI(
      ["notifications", "list", "--json", "--config", configPath.path], in: fixture.directory)
    #expect(list.status == 0)
    let listed = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
    #expect(listed?.first?["id"] as? String == id)
    #expect(listed?.first?["status"] as? String == "delivered")
    #expect((listed?.first?["attempts"] as? [[String: Any]])?.first?["status_code"] as? Int == 200)
    let usage = try runCLI(
      ["notifications", "redrive", "--config", configPath.path], in: fixture.directory)
    #expect(usage.status == 2)
  }

  private func runCLI(_ arguments: [String], in directory: URL) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "talentwatch")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
