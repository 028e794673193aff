import Foundation
import HTTPClient
import Signing
import Storage
import TestSupport
import Testing

/// Erasure and the audit chain with the real executables: `talentwatch serve` and one-shot commands as
/// child processes, the `sqlite3` shell as the tamperer.
@Suite("compliance end to end")
struct ComplianceEndToEndTests {
  /// Runs `talentwatch ARGUMENTS` to completion; returns its status and standard output and error.
  static func talentwatch(_ arguments: [String], in directory: URL) throws -> (
    status: Int32, output: String
  ) {
    try run(ProductBinary.url(named: "talentwatch"), arguments, in: directory)
  }

  /// Runs `executable` to completion, collecting standard output and error together.
  static func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin", "USER": "e2e-operator"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Posts a signed canonical `person.job_changed` about `personID` as delivery `deliveryID`.
  static func post(
    _ client: HTTPClient, to server: ServeProcess, deliveryID: String, personID: String
  ) async throws -> Int {
    let body = Array(
      #"{"type":"person.job_changed","timestamp":"2026-11-30T06:00:00Z","data":{"person":{"provider":"crustdata","id":"\#(personID)","profile_url":"https://www.linkedin.com/in/erin-erasable"},"previous":{"company":"Old Co","title":"Engineer"},"current":{"company":"New Co","title":"Lead"},"detected_at":"2026-11-30T06:00:00Z"}}"#
        .utf8)
    let signer = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: ServeSandbox.secret)])
    let headers = signer.headers(deliveryID: deliveryID, timestamp: Date(), body: body)
    let response = try await client.send(
      HTTPClientRequest(
        method: "POST", url: server.baseURL + "/webhooks/partner",
        headers: headers + [("content-type", "application/json")], body: body,
        timeout: .seconds(10)))
    return response.status
  }

  /// Waits (polling the database, up to 10 s) until delivery `deliveryID` leaves `pending`.
  static func processedEntry(_ deliveryID: String, in database: Database) async throws -> InboxEntry
  {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
      let entry = try await database.read { connection in
        try InboxStore.list(InboxFilter(source: "partner"), in: connection)
          .first { $0.deliveryID == deliveryID }
          .flatMap { try InboxStore.find(id: $0.id, in: connection) }
      }
      if let entry, entry.status != .pending { return entry }
      try await Task.sleep(for: .milliseconds(25))
    }
    throw TimedOut(deliveryID: deliveryID)
  }

  /// A delivery was not processed in time.
  struct TimedOut: Error {
    /// Which delivery.
    let deliveryID: String
  }

  @Test(
    "erasure deletes the person and their stored bodies; a later webhook about them is suppressed")
  func erasureThenWebhookIsSuppressed() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let database = try Database(path: sandbox.databasePath, readerCount: 1)
    defer { database.close() }

    let candidateID = try await database.write { connection in
      try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: "4815162342",
        profileURL: "https://linkedin.com/in/erin-erasable", now: Date(), in: connection)
    }
    #expect(
      try await Self.post(client, to: server, deliveryID: "msg_before", personID: "4815162342")
        == 202)
    let before = try await Self.processedEntry("msg_before", in: database)
    #expect(before.status == .processed)
    #expect(before.body != nil)

    let erase = try Self.talentwatch(
      [
        "erase", String(candidateID), "--reason", "candidate asked by email", "--config",
        sandbox.configPath,
      ],
      in: sandbox.directory)
    #expect(erase.status == 0, "erase: \(erase.output)")
    #expect(erase.output.contains("erased candidate \(candidateID)"))

    let cleared = try await database.read { try InboxStore.find(id: before.id, in: $0) }
    #expect(cleared?.body == nil, "the stored body of a delivery that named the person is deleted")

    #expect(
      try await Self.post(client, to: server, deliveryID: "msg_after", personID: "4815162342")
        == 202)
    let after = try await Self.processedEntry("msg_after", in: database)
    #expect(after.status == .suppressed)
    #expect(after.body == nil)
    let held = try await database.read { connection in
      try CandidateIdentityStore.resolve(
        .init(provider: "crustdata", providerID: "4815162342"), in: connection)
    }
    #expect(held == nil, "a suppressed delivery does not re-create the person")
    #expect(!server.log.contains("4815162342"), "the provider id reached the log")
  }

  @Test("audit verify passes an intact chain and names the entry edited with the sqlite3 shell")
  func auditVerifyCatchesShellEdit() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    // Three audited actions through the product: migrate, one retention run (records the configuration),
    // an export and an erasure of a seeded person.
    #expect(
      try Self.talentwatch(["migrate", "--config", sandbox.configPath], in: sandbox.directory)
        .status == 0)
    let database = try Database(path: sandbox.databasePath, readerCount: 1)
    let ids = try await database.write { connection in
      try ["1001", "1002"].map { providerID in
        try CandidateIdentityStore.ensure(
          provider: "crustdata", providerID: providerID, profileURL: nil, now: Date(),
          in: connection)
      }
    }
    database.close()
    let config = ["--config", sandbox.configPath]
    #expect(try Self.talentwatch(["retention", "run"] + config, in: sandbox.directory).status == 0)
    #expect(
      try Self.talentwatch(["export", String(ids[0])] + config, in: sandbox.directory).status == 0)
    #expect(
      try Self.talentwatch(
        ["erase", String(ids[1]), "--reason", "request"] + config, in: sandbox.directory
      )
      .status == 0)

    let intact = try Self.talentwatch(["audit", "verify"] + config, in: sandbox.directory)
    #expect(intact.status == 0, "\(intact.output)")
    #expect(intact.output.contains("audit chain intact: 3 entries verified"))

    let shell = try Self.run(
      URL(fileURLWithPath: "/usr/bin/sqlite3"),
      [
        sandbox.databasePath,
        "DROP TRIGGER audit_log_append_only; UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2;",
      ], in: sandbox.directory)
    #expect(shell.status == 0, "sqlite3: \(shell.output)")

    let broken = try Self.talentwatch(["audit", "verify"] + config, in: sandbox.directory)
    #expect(broken.status == 1)
    #expect(broken.output.contains("audit chain broken at entry 2"), "\(broken.output)")
  }

  @Test("a log cut at its end still chains, and a head recorded earlier shows the cut")
  func auditVerifyRecordedHead() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let config = ["--config", sandbox.configPath]
    #expect(try Self.talentwatch(["migrate"] + config, in: sandbox.directory).status == 0)
    let database = try Database(path: sandbox.databasePath, readerCount: 1)
    let id = try await database.write { connection in
      try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: "1003", profileURL: nil, now: Date(), in: connection)
    }
    database.close()
    #expect(try Self.talentwatch(["retention", "run"] + config, in: sandbox.directory).status == 0)
    #expect(
      try Self.talentwatch(["export", String(id)] + config, in: sandbox.directory).status == 0)

    let intact = try Self.talentwatch(["audit", "verify"] + config, in: sandbox.directory)
    #expect(intact.status == 0, "\(intact.output)")
    let head = try #require(
      intact.output.split(separator: "\n").first { $0.contains("; head ") }?
        .components(separatedBy: "; head ").last?.trimmingCharacters(in: .whitespaces))
    #expect(head.hasPrefix("2:"), "\(intact.output)")
    let holds = try Self.talentwatch(
      ["audit", "verify", "--head", head] + config, in: sandbox.directory)
    #expect(
      holds.status == 0 && holds.output.contains("is in the log unchanged"), "\(holds.output)")

    // Someone with the database file removes the newest entry: the chain still fits together.
    let shell = try Self.run(
      URL(fileURLWithPath: "/usr/bin/sqlite3"),
      [sandbox.databasePath, "DELETE FROM audit_log WHERE seq = 2;"], in: sandbox.directory)
    #expect(shell.status == 0, "sqlite3: \(shell.output)")
    #expect(
      try Self.talentwatch(["audit", "verify"] + config, in: sandbox.directory).status == 0)
    let cut = try Self.talentwatch(
      ["audit", "verify", "--head", head] + config, in: sandbox.directory)
    #expect(cut.status == 1)
    #expect(cut.output.contains("recorded head 2 is missing"), "\(cut.output)")
  }
}
