import Foundation
import HTTPServer
import Testing

/// Routing, parsing and error shapes over real loopback HTTP.
@Suite("Server routing")
struct ServerRoutingTests {
  /// A router with a static route, captured parameters, an echo and a two-method path.
  static func router() -> Router {
    var router = Router()
    router.get("/healthz") { _ in .text(status: 200, "ok") }
    router.get("/items/{id}/tags/{tag}") { request in
      .json(status: 200, encoding: request.pathParameters)
    }
    router.get("/search") { request in .json(status: 200, encoding: request.query) }
    router.post("/echo") { request in
      Response(
        status: 201, headers: [(name: "x-length", value: "\(request.body.count)")],
        body: request.body)
    }
    router.get("/things") { _ in .text(status: 200, "list") }
    router.post("/things") { _ in .text(status: 201, "made") }
    router.get("/own-id") { _ in
      Response(status: 200, headers: [(name: "X-Request-ID", value: "handler-made")])
    }
    router.get("/whoami") { request in
      .json(
        status: 200,
        encoding: [
          "method": request.method, "path": request.path, "remote": request.remoteAddress ?? "",
          "agent": request.headers["USER-AGENT"] ?? "",
        ])
    }
    return router
  }

  @Test("a static route answers with its handler's response")
  func staticRoute() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await fetch(port: port, "GET", "/healthz")
      #expect(response.status == 200)
      #expect(response.text == "ok")
      #expect(response.header("content-type") == "text/plain; charset=utf-8")
    }
  }

  @Test("path parameters are captured by name from {name} segments")
  func pathParameters() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await fetch(port: port, "GET", "/items/42/tags/swift")
      #expect(response.status == 200)
      #expect(response.jsonObject as? [String: String] == ["id": "42", "tag": "swift"])
      let short = try await fetch(port: port, "GET", "/items/42/tags")
      #expect(short.status == 404)
    }
  }

  @Test("percent-escapes in the path are decoded once, by libmicrohttpd, before routing")
  func pathDecoding() async throws {
    try await withServer(Self.router()) { _, port in
      let spaced = try await fetch(port: port, "GET", "/items/a%20b/tags/%2541")
      #expect(spaced.jsonObject as? [String: String] == ["id": "a b", "tag": "%41"])
      let slashed = try await fetch(port: port, "GET", "/items/a%2Fb/tags/x")
      #expect(slashed.status == 404)
    }
  }

  @Test("query arguments are decoded and the first of a repeated name wins")
  func queryParsing() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await fetch(port: port, "GET", "/search?q=a%20b&limit=10&q=second&flag")
      #expect(response.status == 200)
      #expect(response.jsonObject as? [String: String] == ["q": "a b", "limit": "10", "flag": ""])
    }
  }

  @Test("method, path, headers and client address reach the handler")
  func requestFields() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await fetch(
        port: port, "GET", "/whoami?x=1", headers: [("User-Agent", "spec/1.0")])
      #expect(
        response.jsonObject as? [String: String] == [
          "method": "GET", "path": "/whoami", "remote": "127.0.0.1", "agent": "spec/1.0",
        ])
    }
  }

  @Test("a POST body arrives intact and the handler's status and headers are sent")
  func postBody() async throws {
    try await withServer(Self.router()) { _, port in
      let body = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      let response = try await fetch(port: port, "POST", "/echo", body: body)
      #expect(response.status == 201)
      #expect(response.header("x-length") == "200000")
      #expect(response.body == body)
    }
  }

  @Test("a chunked request body under the limit is reassembled")
  func chunkedBody() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await blocking {
        let client = try ServerTestClient(port: port)
        try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send("5\r\nhello\r\n")
        try client.send("6\r\n world\r\n0\r\n\r\n")
        return try client.readResponse()
      }
      #expect(response.status == 201)
      #expect(response.text == "hello world")
    }
  }

  @Test("an unknown path is a 404 in the project's JSON error shape")
  func notFound() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await fetch(port: port, "GET", "/nowhere")
      #expect(response.status == 404)
      #expect(response.header("content-type") == "application/json")
      let object = try #require(response.jsonObject)
      #expect(object["error"] as? String == "not_found")
      #expect((object["message"] as? String)?.isEmpty == false)
      #expect(object.count == 2)
    }
  }

  @Test("a known path with another method is a 405 listing the allowed methods")
  func methodNotAllowed() async throws {
    try await withServer(Self.router()) { _, port in
      let response = try await fetch(port: port, "DELETE", "/things")
      #expect(response.status == 405)
      #expect(response.header("allow") == "GET, HEAD, POST")
      #expect(response.jsonObject?["error"] as? String == "method_not_allowed")
    }
  }

  @Test("HEAD is served by the GET handler without a body")
  func headFallsBackToGet() async throws {
    try await withServer(Self.router()) { _, port in
      let (head, after) = try await blocking {
        let client = try ServerTestClient(port: port)
        return (try client.request("HEAD", "/healthz"), try client.request("GET", "/healthz"))
      }
      #expect(head.status == 200)
      #expect(head.header("content-length") == "2")
      #expect(after.text == "ok")
    }
  }

  @Test("a valid x-request-id is echoed on the response")
  func requestIDEchoed() async throws {
    try await withServer(Self.router()) { _, port in
      let found = try await fetch(
        port: port, "GET", "/healthz", headers: [("X-Request-Id", "abc.DEF_123-x")])
      #expect(found.header("x-request-id") == "abc.DEF_123-x")
      let missing = try await fetch(
        port: port, "GET", "/nowhere", headers: [("x-request-id", "abc")])
      #expect(missing.header("x-request-id") == "abc")
      let own = try await fetch(
        port: port, "GET", "/own-id", headers: [("x-request-id", "from-client")])
      #expect(
        own.headers.filter { $0.name.lowercased() == "x-request-id" }.map(\.value) == [
          "from-client"
        ])
    }
  }

  @Test("a missing or malformed x-request-id is replaced by a fresh short id")
  func requestIDGenerated() async throws {
    try await withServer(Self.router()) { _, port in
      let sent: [String?] = [nil, nil, String(repeating: "a", count: 65), "has space/slash", ""]
      var ids: [String] = []
      for value in sent {
        let headers = value.map { [("x-request-id", $0)] } ?? []
        let response = try await fetch(port: port, "GET", "/healthz", headers: headers)
        ids.append(try #require(response.header("x-request-id")))
      }
      for id in ids {
        #expect(id.count == 12)
        #expect(id.allSatisfy { $0.isLowercase || $0.isNumber })
      }
      #expect(Set(ids).count == sent.count)
    }
  }
}
