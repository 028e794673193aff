import Domain
import Foundation
import HTTPClient
import HTTPServer
import Ingest
import Signing
import Storage
import Testing

/// A real server on a loopback port with the webhook endpoint, a group-commit writer and a temp database.
final class ReceiverFixture: Sendable {
  let temporary: TemporaryDatabase
  let writer: InboxWriter
  let server: Server
  let port: Int
  let client = HTTPClient()
  let clock: ManualClock

  init(sources: [IngestSource], maxBodyBytes: Int = 4096, now: Date = Date()) throws {
    temporary = try TemporaryDatabase()
    clock = ManualClock(now)
    writer = InboxWriter(database: temporary.database)
    writer.start()
    var router = Router()
    WebhookEndpoint(
      sources: sources, writer: writer, clock: clock, logger: silentLogger,
      counters: IngestCounters()
    ).register(in: &router)
    server = Server(
      configuration: ServerConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes),
      router: router)
    port = try server.start()
  }

  func post(
    _ source: String, body: [UInt8], headers: [(name: String, value: String)]
  ) async throws -> HTTPClientResponse {
    try await client.send(
      HTTPClientRequest(
        method: "POST", url: "http://127.0.0.1:\(port)/webhooks/\(source)",
        headers: headers + [("content-type", "application/json")], body: body))
  }

  func signedHeaders(
    id: String, body: [UInt8], at date: Date? = nil, secret: String = standardSecretText
  )
    throws -> [(name: String, value: String)]
  {
    let signer = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: secret)])
    return signer.headers(deliveryID: id, timestamp: date ?? clock.now(), body: body)
  }

  func stored() throws -> [InboxEntry] {
    try temporary.database.readSync { try InboxStore.list(InboxFilter(limit: 10_000), in: $0) }
  }

  func stop() {
    server.stop(timeout: .seconds(5))
    writer.stop()
    client.shutdown()
    temporary.cleanUp()
  }
}

@Suite("the webhook endpoint over loopback")
struct WebhookEndpointTests {
  private func json(_ response: HTTPClientResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
  }

  @Test("a valid delivery is answered 202 after commit, and the same id again is 200 duplicate")
  func acceptedThenDuplicate() async throws {
    let fixture = try ReceiverFixture(sources: [try canonicalSource()])
    defer { fixture.stop() }
    let body = jobChangedBody(personID: "4815162342")

    let first = try await fixture.post(
      "partner", body: body, headers: try fixture.signedHeaders(id: "msg_1", body: body))
    #expect(first.status == 202)
    #expect(json(first)["status"] as? String == "accepted")
    let stored = try fixture.stored()
    #expect(stored.count == 1)
    #expect(json(first)["id"] as? Int == Int(stored[0].id))
    #expect(stored[0].status == .pending)
    #expect(stored[0].headers["webhook-id"] == "msg_1")
    #expect(stored[0].headers["webhook-signature"] == nil, "the signature is never kept")

    // A retry by the sender carries the same id with a new timestamp and signature.
    fixture.clock.advance(by: 30)
    let retry = try await fixture.post(
      "partner", body: body, headers: try fixture.signedHeaders(id: "msg_1", body: body))
    #expect(retry.status == 200)
    #expect(json(retry)["status"] as? String == "duplicate")
    #expect(json(retry)["id"] as? Int == Int(stored[0].id))
    #expect(try fixture.stored().count == 1)
  }

  @Test("the stored body is byte-exact, whitespace and key order included")
  func byteExactBody() async throws {
    let fixture = try ReceiverFixture(sources: [try canonicalSource()])
    defer { fixture.stop() }
    let body = Array(
      "{ \"type\" : \"person.changed\",\n  \"data\":{\"person\":{\"provider\":\"crustdata\",\"id\":\"7\"}},\"timestamp\":\"2026-11-30T06:00:00Z\" }\n"
        .utf8)
    let response = try await fixture.post(
      "partner", body: body, headers: try fixture.signedHeaders(id: "msg_exact", body: body))
    #expect(response.status == 202)
    let entry = try await fixture.temporary.database.read {
      try InboxStore.find(id: fixture.stored()[0].id, in: $0)
    }
    #expect(entry?.body == body)
  }

  @Test(
    "a forged signature, a stale or future timestamp, and a re-serialised body are 401 and store nothing"
  )
  func refusedDeliveries() async throws {
    let fixture = try ReceiverFixture(sources: [try canonicalSource()])
    defer { fixture.stop() }
    let body = jobChangedBody(personID: "1")
    let wrongSecret = "whsec_" + Base64.encode(Array(repeating: 7, count: 32))
    let forged = try await fixture.post(
      "partner", body: body,
      headers: try fixture.signedHeaders(id: "f1", body: body, secret: wrongSecret))
    #expect(forged.status == 401)
    let stale = try await fixture.post(
      "partner", body: body,
      headers: try fixture.signedHeaders(
        id: "f2", body: body, at: fixture.clock.now().addingTimeInterval(-301)))
    #expect(stale.status == 401)
    let future = try await fixture.post(
      "partner", body: body,
      headers: try fixture.signedHeaders(
        id: "f3", body: body, at: fixture.clock.now().addingTimeInterval(301)))
    #expect(future.status == 401)
    let reserialised = Array(
      String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\":\"", with: "\": \"").utf8)
    let tampered = try await fixture.post(
      "partner", body: reserialised, headers: try fixture.signedHeaders(id: "f4", body: body))
    #expect(tampered.status == 401)
    #expect(json(tampered)["error"] is String)
    #expect(try fixture.stored().isEmpty)
  }

  @Test(
    "missing id or timestamp headers are 400; an unknown source 404; GET 405; an oversized body 413"
  )
  func otherAnswers() async throws {
    let fixture = try ReceiverFixture(sources: [try canonicalSource()], maxBodyBytes: 2048)
    defer { fixture.stop() }
    let body = jobChangedBody(personID: "1")
    var headers = try fixture.signedHeaders(id: "m1", body: body)
    headers.removeAll { $0.name == "webhook-id" }
    #expect(try await fixture.post("partner", body: body, headers: headers).status == 400)
    var noTimestamp = try fixture.signedHeaders(id: "m2", body: body)
    noTimestamp.removeAll { $0.name == "webhook-timestamp" }
    #expect(try await fixture.post("partner", body: body, headers: noTimestamp).status == 400)
    let unknown = try await fixture.post(
      "nobody", body: body, headers: try fixture.signedHeaders(id: "m3", body: body))
    #expect(unknown.status == 404)
    let get = try await fixture.client.send(
      HTTPClientRequest(method: "GET", url: "http://127.0.0.1:\(fixture.port)/webhooks/partner"))
    #expect(get.status == 405)
    let large = Array(repeating: UInt8(ascii: "a"), count: 4096)
    let tooLarge = try await fixture.post(
      "partner", body: large, headers: try fixture.signedHeaders(id: "m4", body: large))
    #expect(tooLarge.status == 413)
    #expect(try fixture.stored().isEmpty)
  }

  @Test("20 concurrent posts of one delivery over HTTP get exactly one 202 and nineteen duplicates")
  func concurrentDuplicatesOverHTTP() async throws {
    let fixture = try ReceiverFixture(sources: [try canonicalSource()])
    defer { fixture.stop() }
    let body = jobChangedBody(personID: "42")
    let headers = try fixture.signedHeaders(id: "msg_burst", body: body)
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<20 {
        group.addTask { try await fixture.post("partner", body: body, headers: headers).status }
      }
      return try await group.reduce(into: [Int]()) { $0.append($1) }
    }
    #expect(statuses.filter { $0 == 202 }.count == 1)
    #expect(statuses.filter { $0 == 200 }.count == 19)
    #expect(try fixture.stored().count == 1)
  }

  @Test("during a rotation both secrets are accepted")
  func rotation() async throws {
    let newSecret = "whsec_" + Base64.encode(Array(repeating: 9, count: 32))
    let fixture = try ReceiverFixture(sources: [
      try canonicalSource(secrets: [standardSecretText, newSecret])
    ])
    defer { fixture.stop() }
    let body = jobChangedBody(personID: "5")
    #expect(
      try await fixture.post(
        "partner", body: body, headers: try fixture.signedHeaders(id: "r1", body: body)
      ).status == 202)
    #expect(
      try await fixture.post(
        "partner", body: body,
        headers: try fixture.signedHeaders(id: "r2", body: body, secret: newSecret)
      ).status == 202)
  }

  @Test("Crustdata and GitHub schemes are verified with their own headers")
  func otherSchemes() async throws {
    let apiKey = "cd_test_key_0123456789"
    let crustdata = IngestSource(
      name: "crustdata", scheme: .crustdata, format: "crustdata-watch",
      verifier: WebhookVerifier(
        scheme: .crustdata, secrets: [try WebhookSecret(scheme: .crustdata, text: apiKey)]))
    let github = IngestSource(
      name: "gh", scheme: .github, format: "canonical",
      verifier: WebhookVerifier(
        scheme: .github,
        secrets: [try WebhookSecret(scheme: .github, text: "It's a Secret to Everybody")]))
    let fixture = try ReceiverFixture(sources: [crustdata, github])
    defer { fixture.stop() }
    let body = Array("{\"metadata\":{\"test\":true},\"results\":[]}".utf8)
    let crustdataHeaders = WebhookSigner(
      scheme: .crustdata, secrets: [try WebhookSecret(scheme: .crustdata, text: apiKey)]
    )
    .headers(deliveryID: "evt_1", timestamp: fixture.clock.now(), body: body)
    #expect(
      try await fixture.post("crustdata", body: body, headers: crustdataHeaders).status == 202)
    let githubHeaders = WebhookSigner(
      scheme: .github,
      secrets: [try WebhookSecret(scheme: .github, text: "It's a Secret to Everybody")]
    )
    .headers(deliveryID: "gh-1", timestamp: fixture.clock.now(), body: body)
    #expect(try await fixture.post("gh", body: body, headers: githubHeaders).status == 202)
    #expect(
      try await fixture.post("gh", body: body, headers: githubHeaders).status == 200,
      "GitHub replays are stopped by the delivery id")
    let ids = try fixture.stored().map(\.deliveryID)
    #expect(ids == ["evt_1", "gh-1"])
  }
}
