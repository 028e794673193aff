import Foundation
import HTTPServer
import Testing

/// Deferred responses and shutdown over real loopback HTTP.
@Suite("Server deferred responses and stop")
struct ServerDeferredTests {
  /// Routes: `/later/{ms}` answers from another thread after a delay, `/never` leaves the answer to
  /// the test (handing its writer to `pending`).
  static func router(pending: ServerTestCollector<ResponseWriter>? = nil) -> Router {
    var router = Router()
    router.add("GET", "/later/{ms}") { request, writer in
      let delay = Int(request.pathParameters["ms"] ?? "") ?? 0
      DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(delay)) {
        writer.send(.text(status: 200, "late \(delay)"))
        writer.send(.text(status: 500, "ignored second send"))
      }
    }
    router.add("GET", "/never") { _, writer in pending?.append(writer) }
    router.get("/healthz") { _ in .text(status: 200, "ok") }
    return router
  }

  @Test("a response sent later from another thread is delivered, and the server stays responsive")
  func deferredResponse() async throws {
    let single = ServerConfiguration(port: 0, threadCount: 1)
    let pending = ServerTestCollector<ResponseWriter>()
    try await withServer(Self.router(pending: pending), configuration: single) { server, port in
      let slow = try startRequest(port: port, "/never")
      #expect(await eventually { pending.all.count == 1 })
      // The only server thread is free while the first request waits.
      let quick = try await fetch(port: port, "GET", "/healthz")
      #expect(quick.text == "ok")
      // The quick request is counted out by libmicrohttpd's completion callback, which can run just
      // after the client has read the answer; the suspended one stays counted.
      #expect(await eventually { server.inFlightCount == 1 })
      try await Task.sleep(for: .milliseconds(100))
      let writer = try #require(pending.all.first)
      try await blocking { writer.send(.text(status: 200, "from another thread")) }
      let (response, again) = try await blocking {
        (try slow.readResponse(), try slow.request("GET", "/later/0"))
      }
      #expect(response.status == 200)
      #expect(response.text == "from another thread")
      // The connection stays usable after a deferred answer.
      #expect(again.text == "late 0")
    }
  }

  @Test("a send racing with the suspension is never lost")
  func immediateSendFromAnotherThread() async throws {
    try await withServer(Self.router()) { _, port in
      let texts = try await blocking {
        let client = try ServerTestClient(port: port)
        return try (0..<300).map { _ in try client.request("GET", "/later/0").text }
      }
      #expect(texts.count == 300)
      #expect(texts.allSatisfy { $0 == "late 0" })
    }
  }

  @Test("stop lets in-flight requests finish, then refuses new connections")
  func stopDrainsInFlight() async throws {
    let pending = ServerTestCollector<ResponseWriter>()
    let server = Server(
      configuration: ServerConfiguration(port: 0), router: Self.router(pending: pending))
    let port = try server.start()
    let client = try startRequest(port: port, "/never")
    #expect(await eventually { pending.all.count == 1 })
    let stopping = Task {
      try await blocking {
        server.stop(timeout: .seconds(10))
        return Date()
      }
    }
    try await Task.sleep(for: .milliseconds(200))
    #expect(server.inFlightCount == 1)
    let answeredAt = Date()
    pending.all.first?.send(.text(status: 200, "answered while stopping"))
    let stoppedAt = try await stopping.value
    // stop waited for the answer, and no longer than that.
    #expect(stoppedAt >= answeredAt)
    #expect(stoppedAt.timeIntervalSince(answeredAt) < 5)
    let response = try await blocking { try client.readResponse() }
    #expect(response.status == 200)
    #expect(response.text == "answered while stopping")
    #expect(response.header("connection")?.lowercased() == "close")
    #expect(connectionRefused(port: port))
    #expect(server.inFlightCount == 0)
    server.stop()  // a second stop is harmless
  }

  @Test(
    "once stop begins, new connections are refused and kept-alive ones get 503 for new requests")
  func refusesWhileDraining() async throws {
    let pending = ServerTestCollector<ResponseWriter>()
    let server = Server(
      configuration: ServerConfiguration(port: 0), router: Self.router(pending: pending))
    let port = try server.start()
    let idle = try ServerTestClient(port: port)
    let before = try await blocking { try idle.request("GET", "/healthz") }
    #expect(before.text == "ok")
    let client = try startRequest(port: port, "/never")
    #expect(await eventually { pending.all.count == 1 })
    let stopping = Task { try await blocking { server.stop(timeout: .seconds(10)) } }
    try await Task.sleep(for: .milliseconds(150))
    #expect(connectionRefused(port: port))
    let (late, closed) = try await blocking {
      (
        try idle.request("GET", "/healthz", headers: [("x-request-id", "late-1")]),
        idle.waitForClose()
      )
    }
    #expect(late.status == 503)
    #expect(late.jsonObject?["error"] as? String == "shutting_down")
    #expect(late.header("x-request-id") == "late-1")
    #expect(closed)
    pending.all.first?.send(.text(status: 200, "done"))
    let response = try await blocking { try client.readResponse() }
    #expect(response.text == "done")
    try await stopping.value
    #expect(server.inFlightCount == 0)
  }

  @Test("a deferred request still unanswered when stop times out gets a 503")
  func stopAnswersPendingWith503() async throws {
    let pending = ServerTestCollector<ResponseWriter>()
    let server = Server(
      configuration: ServerConfiguration(port: 0), router: Self.router(pending: pending))
    let port = try server.start()
    let client = try startRequest(port: port, "/never", headers: "x-request-id: pending-1\r\n")
    #expect(await eventually { pending.all.count == 1 })
    let started = Date()
    try await blocking { server.stop(timeout: .milliseconds(200)) }
    #expect(Date().timeIntervalSince(started) >= 0.19)
    let response = try await blocking { try client.readResponse() }
    #expect(response.status == 503)
    #expect(response.jsonObject?["error"] as? String == "shutting_down")
    #expect(response.header("x-request-id") == "pending-1")
    // The handler's own late answer is ignored now that the request is over.
    pending.all.first?.send(.text(status: 200, "too late"))
    #expect(server.inFlightCount == 0)
  }
}
