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

  @Test("added fields are found case-insensitively; only ASCII letters fold")
  func headersAdded() {
    var headers = HTTPHeaders([])
    headers.add(name: "Webhook-ID", value: "msg_1")
    headers.add(name: "X-Ünï", value: "u")
    #expect(headers["webhook-id"] == "msg_1")
    #expect(headers["WEBHOOK-id"] == "msg_1")
    #expect(headers["x-Ünï"] == "u")
    #expect(headers["x-ünï"] == nil)
    #expect(headers.count == 2)
  }

  @Test("names compare byte for byte: another Unicode spelling of the same name is another name")
  func headersCompareBytes() {
    let headers = HTTPHeaders([("X-Cafe\u{301}", "decomposed")])
    #expect(headers["x-cafe\u{301}"] == "decomposed")
    #expect(headers["x-caf\u{e9}"] == nil)
    #expect(headers.values(for: "X-CAF\u{e9}").isEmpty)
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

  @Test(
    "start refuses a non-numeric host, out-of-range settings and a second start, with typed errors")
  func startErrors() throws {
    func code(_ configuration: ServerConfiguration) -> ServerError.Code? {
      do {
        let server = Server(configuration: configuration, router: Router())
        _ = try server.start()
        server.stop()
        return nil
      } catch let error as ServerError {
        return error.code
      } catch {
        return nil
      }
    }
    #expect(code(ServerConfiguration(host: "localhost", port: 0)) == .invalidHost)
    #expect(code(ServerConfiguration(port: 70_000)) == .invalidConfiguration)
    #expect(code(ServerConfiguration(port: 0, threadCount: 0)) == .invalidConfiguration)
    #expect(code(ServerConfiguration(port: 0, connectionLimit: 0)) == .invalidConfiguration)
    #expect(code(ServerConfiguration(host: "::1", port: 0)) == nil)
    let server = Server(configuration: ServerConfiguration(port: 0), router: Router())
    let port = try server.start()
    #expect(port > 0)
    let again = #expect(throws: ServerError.self) { _ = try server.start() }
    #expect(again?.code == .alreadyStarted)
    server.stop()
  }

  @Test("a port already in use fails to start with a typed error")
  func portInUse() throws {
    let first = Server(configuration: ServerConfiguration(port: 0), router: Router())
    let port = try first.start()
    defer { first.stop() }
    let second = Server(configuration: ServerConfiguration(port: port), router: Router())
    let error = #expect(throws: ServerError.self) { _ = try second.start() }
    #expect(error?.code == .startFailed)
  }
}
