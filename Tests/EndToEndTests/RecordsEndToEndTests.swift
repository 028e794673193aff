import Foundation
import HTTPClient
import Signing
import Storage
import TestSupport
import Testing

/// A `provider-sandbox` child process on a loopback port.
private final class RecordsSandboxProcess: Sendable {
  let port: Int
  private let process: Process

  init(arguments: [String], directory: URL) throws {
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "provider-sandbox")
    process.arguments =
      [
        "--listen", "127.0.0.1:0", "--api-key", RecordsWorld.apiKey,
        "--profiles",
        ProductBinary.packageRoot.appendingPathComponent("fixtures/provider/profiles").path,
      ]
      + arguments
    process.currentDirectoryURL = directory
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    self.process = process
    var line = Data()
    let reader = out.fileHandleForReading
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard let range = text.range(of: "listening on http://"),
      let port = text[range.upperBound...].split(separator: ":").last
        .flatMap({ Int($0.prefix { $0.isNumber }) })
    else {
      process.terminate()
      process.waitUntilExit()
      throw SandboxDidNotStart(output: text)
    }
    self.port = port
  }

  var baseURL: String { "http://127.0.0.1:\(port)" }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }
}

/// The sandbox did not say where it listens.
private struct SandboxDidNotStart: Error, CustomStringConvertible {
  /// Its first stdout output.
  let output: String
  /// A sentence with it.
  var description: String { "provider-sandbox did not start: \(output)" }
}

/// The sandbox and `talentwatch serve` side by side, with a recruiter and an operator token.
private final class RecordsWorld: Sendable {
  static let apiKey = "sandbox-test-key"
  static let recruiterToken = "anna-e2e-token"
  static let operatorToken = "olga-e2e-token"
  let directory: URL
  let databasePath: String
  let sandbox: RecordsSandboxProcess
  let serve: ServeProcess
  let client = HTTPClient()

  init(sandboxArguments: [String] = [], providerExtra: String = "") throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-records-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    databasePath = directory.appendingPathComponent("tw.db").path
    sandbox = try RecordsSandboxProcess(arguments: sandboxArguments, directory: directory)
    func hash(_ token: String) -> String { Hex.encode(SHA256Digest.hash(Array(token.utf8))) }
    let config = """
      {"listen": "127.0.0.1:0", "database": "\(databasePath)", "log_level": "warning",
       "pepper": "an-end-to-end-test-pepper",
       "provider": {"base_url": "\(sandbox.baseURL)", "api_key": "\(Self.apiKey)",
                    "requests_per_minute": 6000\(providerExtra)},
       "users": [
         {"id": "u_anna", "name": "Anna", "role": "recruiter", "token_sha256": "\(hash(Self.recruiterToken))"},
         {"id": "u_olga", "name": "Olga", "role": "operator", "token_sha256": "\(hash(Self.operatorToken))"}]}
      """
    let configPath = directory.appendingPathComponent("talentwatch.json").path
    try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    do {
      serve = try ServeProcess(configPath: configPath, directory: directory)
    } catch {
      sandbox.stop()
      throw error
    }
  }

  func stop() {
    serve.stop()
    sandbox.stop()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Sends an admin API request with `token` (nil: none); returns the status and the JSON object.
  func api(_ method: String, _ path: String, token: String? = recruiterToken, body: String = "")
    async throws -> (status: Int, json: [String: Any])
  {
    var headers: [(name: String, value: String)] = [("content-type", "application/json")]
    if let token { headers.append(("authorization", "Bearer \(token)")) }
    let response = try await client.send(
      HTTPClientRequest(
        method: method, url: serve.baseURL + "/api/v1" + path, headers: headers,
        body: Array(body.utf8), timeout: .seconds(120)))
    return (
      response.status,
      (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    )
  }

  /// The sandbox's credit ledger: total and entries.
  func sandboxCredits() async throws -> (total: Double, entries: [[String: Any]]) {
    let response = try await client.send(
      HTTPClientRequest(url: sandbox.baseURL + "/_sandbox/credits", timeout: .seconds(10)))
    let json =
      (try JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    return (
      (json["total"] as? NSNumber)?.doubleValue ?? -1, json["entries"] as? [[String: Any]] ?? []
    )
  }

  /// The sandbox's people: profile URLs in its order.
  func sandboxPeople() async throws -> [String] {
    let response = try await client.send(
      HTTPClientRequest(url: sandbox.baseURL + "/_sandbox/people", timeout: .seconds(10)))
    let json =
      (try JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    return (json["people"] as? [[String: Any]] ?? []).compactMap { $0["profile_url"] as? String }
  }

  /// The faults the sandbox injected so far, in order.
  func sandboxFaults() async throws -> [String] {
    let response = try await client.send(
      HTTPClientRequest(url: sandbox.baseURL + "/_sandbox/faults", timeout: .seconds(10)))
    let json =
      (try JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    return json["faults"] as? [String] ?? []
  }

  /// Our credit ledger, read from the database file.
  func ledger() throws -> [CreditLedgerEntry] {
    let connection = try Connection(path: databasePath, readOnly: true)
    return try CreditLedgerStore.entries(in: connection)
  }

  /// Rows of a table, read from the database file.
  func count(_ table: String) throws -> Int64 {
    let connection = try Connection(path: databasePath, readOnly: true)
    return try connection.queryOne("SELECT COUNT(*) FROM \(table)")?.int(0) ?? -1
  }
}

/// Runs `body` with a fresh world, stopping both processes afterwards whatever happens.
private func withWorld(
  sandboxArguments: [String] = [], providerExtra: String = "",
  _ body: (RecordsWorld) async throws -> Void
) async throws {
  let world = try RecordsWorld(sandboxArguments: sandboxArguments, providerExtra: providerExtra)
  do {
    try await body(world)
  } catch {
    world.stop()
    throw error
  }
  world.stop()
}

@Suite("Records end to end: talentwatch serve and provider-sandbox", .serialized)
struct RecordsEndToEndTests {
  @Test(
    "add → one enrichment and one charge; again within 30 days → no charge; photo pending until accepted"
  )
  func addChargesOnce() async throws {
    try await withWorld { world in
      let url = "https://www.linkedin.com/in/aiko-tanaka"
      let added = try await world.api("POST", "/candidates", body: #"{"profile_url":"\#(url)"}"#)
      #expect(added.status == 201)
      #expect(added.json["cached"] as? Bool == false)
      #expect(added.json["confirmed_by_user_id"] as? String == "u_anna")
      #expect(added.json["name"] as? String == "Aiko Tanaka")
      #expect(added.json["sourced_at"] is String)
      let id = try #require(added.json["id"] as? Int)
      var credits = try await world.sandboxCredits()
      #expect(credits.total == 1)
      #expect(credits.entries.count == 1)
      var ledger = try world.ledger()
      #expect(ledger.map(\.credits) == [1])
      #expect(ledger.first?.purpose == "add")

      #expect(added.json["photo_url"] is NSNull)
      let pending = added.json["pending_fields"] as? [[String: Any]] ?? []
      #expect(pending.map { $0["field"] as? String } == ["photo_url"])

      let again = try await world.api("POST", "/candidates", body: #"{"profile_url":"\#(url)/"}"#)
      #expect(again.status == 200)
      #expect(again.json["cached"] as? Bool == true)
      #expect(again.json["id"] as? Int == id)
      credits = try await world.sandboxCredits()
      #expect(credits.total == 1)
      ledger = try world.ledger()
      #expect(ledger.count == 1)

      let accepted = try await world.api(
        "POST", "/candidates/\(id)/accept-field", body: #"{"field":"photo_url"}"#)
      #expect(accepted.status == 200)
      let after = try await world.api("GET", "/candidates/\(id)")
      #expect((after.json["photo_url"] as? String)?.hasPrefix("https://") == true)
      #expect((after.json["pending_fields"] as? [Any])?.isEmpty == true)
    }
  }

  @Test("contact data is fetched only on request, billed, and stored with who fetched it")
  func contactOnRequest() async throws {
    try await withWorld { world in
      let people = try await world.sandboxPeople()
      let url = try #require(people.first)
      let added = try await world.api("POST", "/candidates", body: #"{"profile_url":"\#(url)"}"#)
      #expect(added.status == 201)
      let id = try #require(added.json["id"] as? Int)
      #expect(try world.count("contact_data") == 0)
      #expect(try await world.sandboxCredits().total == 1)
      let contact = try await world.api("POST", "/candidates/\(id)/contact-data")
      #expect(contact.status == 200)
      #expect(contact.json["fetched_by_user_id"] as? String == "u_anna")
      #expect(try world.count("contact_data") == 1)
      let credits = try await world.sandboxCredits()
      #expect(credits.total > 1)
      let ledger = try world.ledger()
      #expect(ledger.map(\.operation) == ["enrich", "contact"])
      #expect(ledger.last?.candidateIDs == [Int64(id)])
      #expect(ledger.reduce(0) { $0 + $1.credits } == credits.total)
    }
  }

  @Test("tokens: missing and wrong are 401, a wrong role is 403; no stage change without a user")
  func tokensAndStageChanges() async throws {
    try await withWorld { world in
      #expect(try await world.api("GET", "/vacancies", token: nil).status == 401)
      #expect(try await world.api("GET", "/vacancies", token: "not-a-token").status == 401)
      let url = try #require(try await world.sandboxPeople().last)
      let forbidden = try await world.api(
        "POST", "/candidates", token: RecordsWorld.operatorToken,
        body: #"{"profile_url":"\#(url)"}"#)
      #expect(forbidden.status == 403)
      #expect(try await world.sandboxCredits().total == 0)

      let vacancy = try await world.api(
        "POST", "/vacancies",
        body: #"{"title":"SRE","criteria":{"titles":["Site Reliability Engineer"]}}"#)
      let vacancyID = try #require(vacancy.json["id"] as? Int)
      let added = try await world.api(
        "POST", "/candidates", body: #"{"profile_url":"\#(url)","vacancy_id":\#(vacancyID)}"#)
      #expect(added.status == 201)
      let entryID = try #require(added.json["pipeline_entry_id"] as? Int)
      let anonymous = try await world.api(
        "PATCH", "/pipeline/\(entryID)", token: nil, body: #"{"stage":"rejected"}"#)
      #expect(anonymous.status == 401)
      let byOperator = try await world.api(
        "PATCH", "/pipeline/\(entryID)", token: RecordsWorld.operatorToken,
        body: #"{"stage":"rejected"}"#)
      #expect(byOperator.status == 403)
      #expect(try world.count("pipeline_stage_changes") == 1)
      let moved = try await world.api(
        "PATCH", "/pipeline/\(entryID)", body: #"{"stage":"contacted"}"#)
      #expect(moved.status == 200)
      #expect(moved.json["stage_changed_by_user_id"] as? String == "u_anna")
    }
  }

  @Test(
    "with 30% injected faults every add eventually succeeds and each person is charged exactly once"
  )
  func faults() async throws {
    try await withWorld(
      sandboxArguments: [
        "--fault-rate-429", "0.1", "--fault-rate-500", "0.1", "--fault-rate-slow", "0.05",
        "--fault-rate-malformed", "0.05", "--slow-seconds", "3", "--seed", "11",
      ],
      providerExtra: #", "timeout_seconds": 1, "max_attempts": 20"#
    ) { world in
      let people = Array(try await world.sandboxPeople().prefix(20))
      #expect(people.count == 20)
      for url in people {
        let added = try await world.api("POST", "/candidates", body: #"{"profile_url":"\#(url)"}"#)
        #expect(added.status == 201, "add failed: \(added.json["error"] ?? "")")
      }
      let faults = try await world.sandboxFaults()
      // Seed 11 draws every kind of fault within these 20 adds.
      #expect(Set(faults).isSuperset(of: ["429", "500", "slow", "malformed"]), "faults: \(faults)")
      let credits = try await world.sandboxCredits()
      #expect(credits.total == Double(people.count))
      let charged = credits.entries.flatMap { $0["profiles"] as? [String] ?? [] }
      #expect(charged.count == people.count)
      #expect(Set(charged).count == people.count)
      let ledger = try world.ledger()
      #expect(ledger.count == people.count)
      #expect(ledger.reduce(0) { $0 + $1.credits } == Double(people.count))
      #expect(try world.count("candidates") == Int64(people.count))
    }
  }
}
