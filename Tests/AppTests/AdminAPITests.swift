import Domain
import Foundation
import HTTPClient
import Logging
import Signing
import Storage
import Testing

@testable import App

/// A running service with three users (recruiters Anna and Bob, operator Olga) and one seeded candidate.
private final class AdminAPIHarness: Sendable {
  static let tokens = ["u_anna": "anna-token", "u_bob": "bob-token", "u_olga": "olga-token"]
  let service: TalentwatchService
  let directory: URL
  let client = HTTPClient()
  let seededCandidateID: Int64

  init() async throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-admin-api-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let databasePath = directory.appendingPathComponent("tw.db").path
    let now = Date()
    do {
      let connection = try Connection(path: databasePath)
      _ = try Migrator(Schema.migrations).migrate(connection)
      seededCandidateID = try CandidateStore.upsert(
        CandidateEnrichment(
          provider: "crustdata", providerID: "4815162342",
          profileURL: "https://www.linkedin.com/in/ada-l",
          profile: CandidateProfile(name: "Ada Lovelace", currentTitle: "Engineer"),
          sensitiveFields: ["photo_url": "https://media.example.com/ada.jpg"], fetchedAt: now),
        in: connection)
    }
    func user(_ id: String, _ role: Configuration.Role) -> Configuration.User {
      Configuration.User(
        id: id, name: id, role: role,
        tokenSHA256: Hex.encode(SHA256Digest.hash(Array((Self.tokens[id] ?? "").utf8))))
    }
    let configuration = Configuration(
      listen: Configuration.ListenAddress(host: "127.0.0.1", port: 0), database: databasePath,
      users: [user("u_anna", .recruiter), user("u_bob", .recruiter), user("u_olga", .operator)])
    service = try await TalentwatchService.start(
      configuration: configuration, clock: SystemClock(),
      logger: Logger(label: "test", sink: Logger.MemorySink()))
  }

  func stop() async {
    await service.stop(timeout: .seconds(2))
    try? FileManager.default.removeItem(at: directory)
  }

  /// Sends a request as `user` (nil: no token; unknown user: a wrong token); returns status and JSON.
  func send(_ method: String, _ path: String, as user: String?, body: String? = nil) async throws
    -> (status: Int, json: [String: Any])
  {
    var headers: [(name: String, value: String)] = [("content-type", "application/json")]
    if let user {
      headers.append(("authorization", "Bearer \(Self.tokens[user] ?? "wrong-token")"))
    }
    let response = try await client.send(
      HTTPClientRequest(
        method: method, url: "http://127.0.0.1:\(service.port)/api/v1\(path)", headers: headers,
        body: Array((body ?? "").utf8), timeout: .seconds(60)))
    let json =
      (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    return (response.status, json)
  }
}

/// Runs `body` against a fresh service and stops it afterwards, also when `body` throws.
private func withAPI(_ body: (AdminAPIHarness) async throws -> Void) async throws {
  let api = try await AdminAPIHarness()
  do {
    try await body(api)
  } catch {
    await api.stop()
    throw error
  }
  await api.stop()
}

@Suite("Admin API", .serialized)
struct AdminAPITests {
  @Test("401 without a token or with a wrong one, 403 for a role that may not")
  func tokens() async throws {
    try await withAPI { api in
      let missing = try await api.send("GET", "/vacancies", as: nil)
      #expect(missing.status == 401)
      #expect(missing.json["error"] as? String == "unauthorized")
      #expect(try await api.send("GET", "/vacancies", as: "u_mallory").status == 401)
      let forbidden = try await api.send(
        "POST", "/vacancies", as: "u_olga", body: #"{"title":"X","criteria":{}}"#)
      #expect(forbidden.status == 403)
      #expect(forbidden.json["error"] as? String == "forbidden")
      #expect(
        try await api.send("POST", "/candidates/\(api.seededCandidateID)/contacted", as: "u_olga")
          .status
          == 403)
      #expect(
        try await api.send("GET", "/candidates/\(api.seededCandidateID)", as: "u_olga").status
          == 200)
    }
  }

  @Test("404 for unknown ids, 422 naming the field, 409 on a second confirm into the same vacancy")
  func errors() async throws {
    try await withAPI { api in
      #expect(try await api.send("GET", "/candidates/999", as: "u_anna").status == 404)
      #expect(try await api.send("GET", "/vacancies/999", as: "u_anna").status == 404)
      let noTitle = try await api.send(
        "POST", "/vacancies", as: "u_anna", body: #"{"criteria":{}}"#)
      #expect(noTitle.status == 422)
      #expect((noTitle.json["message"] as? String)?.hasPrefix("title") == true)
      let badYears = try await api.send(
        "POST", "/vacancies", as: "u_anna", body: #"{"title":"X","criteria":{"minimum_years":-1}}"#)
      #expect(badYears.status == 422)
      #expect((badYears.json["message"] as? String)?.hasPrefix("criteria.minimum_years") == true)
      let spoofed = try await api.send(
        "POST", "/candidates", as: "u_anna",
        body: #"{"profile_url":"https://linkedin.com/in/ada-l","confirmed_by_user_id":"u_bob"}"#)
      #expect(spoofed.status == 422)
      #expect(
        try await api.send("POST", "/candidates", as: "u_anna", body: #"{"profile_url":"nope"}"#)
          .status
          == 422)
      let vacancy = try await api.send(
        "POST", "/vacancies", as: "u_anna",
        body: #"{"title":"Backend","criteria":{"titles":["Backend"]}}"#)
      #expect(vacancy.status == 201)
      let vacancyID = try #require(vacancy.json["id"] as? Int)
      let body = #"{"candidate_id":\#(api.seededCandidateID),"vacancy_id":\#(vacancyID)}"#
      #expect(try await api.send("POST", "/pipeline", as: "u_anna", body: body).status == 201)
      let again = try await api.send("POST", "/pipeline", as: "u_anna", body: body)
      #expect(again.status == 409)
      #expect(again.json["error"] as? String == "conflict")
      #expect(
        try await api.send(
          "POST", "/pipeline", as: "u_anna", body: #"{"candidate_id":1,"vacancy_id":999}"#
        )
        .status == 404)
    }
  }

  @Test("the add of a freshly verified record spends nothing and is confirmed by the token's user")
  func cachedAdd() async throws {
    try await withAPI { api in
      let added = try await api.send(
        "POST", "/candidates", as: "u_bob",
        body: #"{"profile_url":"https://www.linkedin.com/in/Ada-L/","ai_sourced":true}"#)
      #expect(added.status == 200)
      #expect(added.json["cached"] as? Bool == true)
      #expect(added.json["confirmed_by_user_id"] as? String == "u_bob")
      #expect(added.json["source"] as? String == "talentwatch")
      #expect(added.json["ai_sourced"] as? Bool == true)
      #expect(added.json["photo_url"] is NSNull)
      let pending = try #require(added.json["pending_fields"] as? [[String: Any]])
      #expect(pending.first?["field"] as? String == "photo_url")
      let id = api.seededCandidateID
      let accepted = try await api.send(
        "POST", "/candidates/\(id)/accept-field", as: "u_anna", body: #"{"field":"photo_url"}"#)
      #expect(accepted.status == 200)
      #expect(accepted.json["accepted_by_user_id"] as? String == "u_anna")
      let after = try await api.send("GET", "/candidates/\(id)", as: "u_anna")
      #expect(after.json["photo_url"] as? String == "https://media.example.com/ada.jpg")
      #expect((after.json["pending_fields"] as? [Any])?.isEmpty == true)
      let unknownField = try await api.send(
        "POST", "/candidates/\(id)/accept-field", as: "u_anna", body: #"{"field":"religion"}"#)
      #expect(unknownField.status == 422)
      let contacted = try await api.send("POST", "/candidates/\(id)/contacted", as: "u_anna")
      #expect(contacted.status == 200)
      #expect(contacted.json["contacted_at"] is String)
      // The mark changes which retention rules apply: who made it is in the audit log.
      let marks = try await api.service.database.read { connection in
        try AuditLogStore.entries(in: connection).filter { $0.action == .contacted }
      }
      #expect(marks.map(\.actor) == ["u_anna"])
      let unknown = try await api.send(
        "POST", "/candidates", as: "u_anna",
        body: #"{"profile_url":"https://linkedin.com/in/new-person"}"#)
      #expect(unknown.status == 503)
      #expect(unknown.json["error"] as? String == "no_provider")
    }
  }

  @Test("stage changes are made by the caller; recruiters reach only their own vacancies")
  func pipelineAndOwnership() async throws {
    try await withAPI { api in
      let vacancy = try await api.send(
        "POST", "/vacancies", as: "u_anna",
        body:
          #"{"title":"Data","criteria":{"required_skills":["SQL"],"seniority":{"min":"mid","max":"senior"}}}"#
      )
      let vacancyID = try #require(vacancy.json["id"] as? Int)
      #expect(try await api.send("GET", "/vacancies/\(vacancyID)", as: "u_bob").status == 403)
      #expect(
        try await api.send(
          "PATCH", "/vacancies/\(vacancyID)", as: "u_bob", body: #"{"is_open":false}"#
        )
        .status == 403)
      let absurd = try await api.send(
        "POST", "/vacancies", as: "u_anna",
        body: #"{"title":"Data","criteria":{"required_skills":["SQL"],"minimum_years":1000}}"#)
      #expect(absurd.status == 422, "a vacancy the matcher cannot score was accepted")
      let listed = try await api.send("GET", "/vacancies", as: "u_bob")
      #expect((listed.json["vacancies"] as? [Any])?.isEmpty == true)
      let patched = try await api.send(
        "PATCH", "/vacancies/\(vacancyID)", as: "u_anna",
        body: #"{"ai_scoring":false,"criteria":{"required_skills":["SQL","dbt"]}}"#)
      #expect(patched.status == 200)
      #expect(patched.json["ai_scoring"] as? Bool == false)
      #expect(patched.json["criteria_version"] as? Int == 2)
      let entry = try await api.send(
        "POST", "/pipeline", as: "u_anna",
        body: #"{"candidate_id":\#(api.seededCandidateID),"vacancy_id":\#(vacancyID)}"#)
      #expect(entry.json["stage"] as? String == "sourced")
      #expect(entry.json["confirmed_by_user_id"] as? String == "u_anna")
      let entryID = try #require(entry.json["id"] as? Int)
      // Another recruiter neither moves Anna's candidates nor adds to, reads the matches of, or
      // erases from her vacancy.
      #expect(
        try await api.send(
          "PATCH", "/pipeline/\(entryID)", as: "u_bob",
          body: #"{"stage":"rejected","reason":"not now"}"#
        ).status == 403)
      #expect(
        try await api.send(
          "POST", "/pipeline", as: "u_bob",
          body: #"{"candidate_id":\#(api.seededCandidateID),"vacancy_id":\#(vacancyID)}"#
        ).status == 403)
      #expect(
        try await api.send(
          "POST", "/candidates", as: "u_bob",
          body: #"{"provider_id":"4815162342","vacancy_id":\#(vacancyID)}"#
        ).status == 403)
      #expect(
        try await api.send("GET", "/vacancies/\(vacancyID)/matches", as: "u_bob").status == 403)
      #expect(
        try await api.send("GET", "/vacancies/\(vacancyID)/matches", as: "u_anna").status == 200)
      #expect(
        try await api.send(
          "DELETE", "/candidates/\(api.seededCandidateID)", as: "u_bob", body: #"{"reason":"x"}"#
        ).status == 403)
      let moved = try await api.send(
        "PATCH", "/pipeline/\(entryID)", as: "u_anna",
        body: #"{"stage":"rejected","reason":"not now"}"#)
      #expect(moved.status == 200)
      #expect(moved.json["stage_changed_by_user_id"] as? String == "u_anna")
      let noStage = try await api.send("PATCH", "/pipeline/\(entryID)", as: "u_anna", body: #"{}"#)
      #expect(noStage.status == 422)
      #expect(
        try await api.send("PATCH", "/pipeline/999", as: "u_bob", body: #"{"stage":"x"}"#).status
          == 404)
    }
  }

  @Test("token new prints a token whose sha256 is the printed hash")
  func tokenNew() {
    let (token, sha256) = Authentication.newToken()
    #expect(token.hasPrefix("tw_"))
    #expect(sha256 == Hex.encode(SHA256Digest.hash(Array(token.utf8))))
    #expect(Authentication.newToken().token != token)
  }
}
