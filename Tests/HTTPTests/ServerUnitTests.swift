import Foundation
import HTTPServer
import Testing

/// The value types and the router, without a socket.
@Suite("Server values")
struct ServerUnitTests {
  @Test("header lookup ignores case and keeps order and duplicates")
  func headers() {
    let headers = HTTPHeaders([("Accept", "a"), ("X-Dup", "1"), ("x-dup", "2")])
    #expect(headers["accept"] == "a")
    #expect(headers["X-DUP"] == "1")
    #expect(headers.values(for: "x-dup") == ["1", "2"])
    #expect(headers["missing"] == nil)
    #expect(headers.map(\.name) == ["Accept", "X-Dup", "x-dup"])
  }

  @Test("the error response is {\"error\", \"message\"} JSON with escaping")
  func errorShape() throws {
    let response = Response.error(
      status: 400, code: "bad\"code", message: "line\nbreak \\ tab\t\u{1}")
    #expect(response.status == 400)
    #expect(response.header("Content-Type") == "application/json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
    #expect(object == ["error": "bad\"code", "message": "line\nbreak \\ tab\t\u{1}"])
  }

  @Test("an encodable value becomes a JSON response")
  func jsonEncoding() {
    let response = Response.json(status: 202, encoding: ["status": "accepted"])
    #expect(response.status == 202)
    #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":"accepted"}"#)
  }

  @Test("routes lists every method and pattern in registration order")
  func routesListing() {
    var router = Router()
    router.get("/a") { _ in .text(status: 200, "") }
    router.post("/webhooks/{source}") { _ in .text(status: 200, "") }
    router.delete("/a") { _ in .text(status: 200, "") }
    router.add("patch", "/b") { _, writer in writer.send(.text(status: 200, "")) }
    let routes = router.routes.map { "\($0.method) \($0.pattern)" }
    #expect(routes == ["GET /a", "DELETE /a", "POST /webhooks/{source}", "PATCH /b"])
  }

  @Test("start refuses a host that is not a numeric address, and a second start")
  func startErrors() throws {
    let bad = Server(
      configuration: ServerConfiguration(host: "localhost", port: 0), router: Router())
    #expect(throws: ServerError.self) { _ = try bad.start() }
    let server = Server(configuration: ServerConfiguration(port: 0), router: Router())
    let port = try server.start()
    #expect(port > 0)
    #expect(throws: ServerError.self) { _ = try server.start() }
    server.stop()
  }

  @Test("a port already in use fails to start with a typed error")
  func portInUse() throws {
    let first = Server(configuration: ServerConfiguration(port: 0), router: Router())
    let port = try first.start()
    defer { first.stop() }
    let second = Server(configuration: ServerConfiguration(port: port), router: Router())
    #expect(throws: ServerError.self) { _ = try second.start() }
  }
}
