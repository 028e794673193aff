import Foundation
import Storage
import Testing

@testable import App

@Suite("inbox list, show and export over a real SQLite inbox")
struct InboxCommandTests {
  /// A database with three deliveries: one processed, one quarantined, one pending with a binary body.
  static func makeInbox(in directory: TemporaryDirectory) async throws -> String {
    let path = directory.path + "/inbox.db"
    #expect(try await runCLI(["--db", path, "migrate"], directory: directory).status == 0)
    let database = try Database(path: path, readerCount: 1)
    defer { database.close() }
    let received = Date(timeIntervalSince1970: 1_796_083_200)
    try await database.write { connection in
      let outcomes = try InboxStore.append(
        [
          InboxDelivery(
            source: "partner", deliveryID: "msg_one", scheme: "standard-webhooks",
            format: "canonical",
            receivedAt: received, signedAt: received,
            headers: ["webhook-id": "msg_one", "webhook-timestamp": "1796083200"],
            body: Array(#"{"type":"webhook.test"}"#.utf8)),
          InboxDelivery(
            source: "crustdata", deliveryID: "evt/two", scheme: "crustdata",
            format: "crustdata-watch", receivedAt: received.addingTimeInterval(60), signedAt: nil,
            headers: ["x-crustdata-event-id": "evt/two"], body: Array("{\"trunc".utf8)),
          InboxDelivery(
            source: "partner", deliveryID: "msg_three", scheme: "standard-webhooks",
            format: "canonical", receivedAt: received.addingTimeInterval(120), signedAt: nil,
            headers: [:], body: [0xFF, 0x00, 0x7B]),
        ], in: connection)
      #expect(outcomes.count == 3)
      try InboxStore.record(
        [
          InboxProcessingResult(inboxID: 1, status: .processed, processedAt: received),
          InboxProcessingResult(
            inboxID: 2, status: .quarantined, error: "not JSON", processedAt: received),
        ], in: connection)
    }
    return path
  }

  @Test(
    "inbox list --json prints an array with id, source, delivery_id, status and RFC 3339 received_at"
  )
  func listJSON() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try await Self.makeInbox(in: directory)
    let run = try await runCLI(["--db", path, "inbox", "list", "--json"], directory: directory)
    #expect(run.status == 0, "\(run.standardError)")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
    #expect(array.map { $0["id"] as? Int } == [1, 2, 3])
    #expect(array.map { $0["status"] as? String } == ["processed", "quarantined", "pending"])
    #expect(array[1]["delivery_id"] as? String == "evt/two")
    #expect(array[1]["source"] as? String == "crustdata")
    #expect(array[1]["error"] as? String == "not JSON")
    #expect(array[0]["received_at"] as? String == "2026-12-01T00:00:00.000Z")
    #expect(array.allSatisfy { $0["body"] == nil })
  }

  @Test("inbox list filters by status, source and time, limits, and prints a table for humans")
  func listFilters() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try await Self.makeInbox(in: directory)
    let quarantined = try await runCLI(
      ["--db", path, "inbox", "list", "--status", "quarantined"], directory: directory)
    #expect(quarantined.status == 0)
    let lines = quarantined.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("ID  SOURCE     DELIVERY ID  STATUS") == true, "\(lines)")
    #expect(lines.count == 3)
    #expect(lines[1].contains("evt/two") && lines[1].hasSuffix("not JSON"))
    #expect(lines[2] == "1 delivery")
    let partner = try await runCLI(
      [
        "--db", path, "--json", "inbox", "list", "--source", "partner", "--since",
        "2026-12-01T00:01:00Z",
      ],
      directory: directory)
    #expect(
      partner.standardOutput.contains("msg_three") && !partner.standardOutput.contains("msg_one"))
    let limited = try await runCLI(
      ["--db", path, "inbox", "list", "--limit", "1", "--json"], directory: directory)
    #expect(
      limited.standardOutput.contains("msg_one") && !limited.standardOutput.contains("evt/two"))
    let bad = try await runCLI(
      ["--db", path, "inbox", "list", "--limit", "0"], directory: directory)
    #expect(bad.status == 2)
  }

  @Test("inbox show prints metadata, kept headers and error; the body only with --body")
  func show() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try await Self.makeInbox(in: directory)
    let plain = try await runCLI(["--db", path, "inbox", "show", "2"], directory: directory)
    #expect(plain.status == 0)
    #expect(plain.standardOutput.contains("status       quarantined"))
    #expect(plain.standardOutput.contains("error        not JSON"))
    #expect(plain.standardOutput.contains("  x-crustdata-event-id: evt/two"))
    #expect(!plain.standardOutput.contains("{\"trunc"))
    let withBody = try await runCLI(
      ["--db", path, "inbox", "show", "2", "--body"], directory: directory)
    #expect(withBody.standardOutput.hasSuffix("body\n{\"trunc\n"))
    let json = try await runCLI(
      ["--db", path, "--json", "inbox", "show", "3", "--body"], directory: directory)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    #expect(object["body_base64"] as? String == Data([0xFF, 0x00, 0x7B]).base64EncodedString())
    #expect((object["signals"] as? [Any])?.isEmpty == true)
    let missing = try await runCLI(["--db", path, "inbox", "show", "99"], directory: directory)
    #expect(missing.status == 1)
    #expect(
      try await runCLI(["--db", path, "inbox", "show", "two"], directory: directory).status == 2)
  }

  @Test("inbox export writes the body byte-exact and the meta file in the fixture layout")
  func export() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try await Self.makeInbox(in: directory)
    let out = directory.path + "/fixtures"
    let run = try await runCLI(
      ["--db", path, "inbox", "export", "2", "3", "--out", out], directory: directory)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(
      FileManager.default.contents(atPath: out + "/crustdata-evt_two.body") == Data("{\"trunc".utf8)
    )
    #expect(
      FileManager.default.contents(atPath: out + "/partner-msg_three.body")
        == Data([0xFF, 0x00, 0x7B]))
    let metaData = try #require(
      FileManager.default.contents(atPath: out + "/crustdata-evt_two.meta.json"))
    let meta = try #require(try JSONSerialization.jsonObject(with: metaData) as? [String: Any])
    #expect(meta["source"] as? String == "crustdata")
    #expect(meta["scheme"] as? String == "crustdata")
    #expect(meta["format"] as? String == "crustdata-watch")
    #expect(meta["delivery_id"] as? String == "evt/two")
    // The exported pair reads back as a replayable fixture.
    let fixture = try ReplayFixture(bodyPath: out + "/crustdata-evt_two.body")
    #expect(fixture.deliveryID == "evt/two" && fixture.scheme == "crustdata")
    let unknown = try await runCLI(
      ["--db", path, "inbox", "export", "42", "--out", out], directory: directory)
    #expect(unknown.status == 1)
    #expect(
      try await runCLI(["--db", path, "inbox", "export", "--out", out], directory: directory).status
        == 2)
  }

  @Test("without a database the inbox commands say where they looked and exit 1")
  func noDatabase() async throws {
    let run = try await runCLI(["--db", "/nonexistent/x.db", "inbox", "list"])
    #expect(run.status == 1)
    #expect(run.standardError.contains("no database at /nonexistent/x.db"))
  }
}
