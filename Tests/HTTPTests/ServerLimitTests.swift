import Foundation
import HTTPServer
import Testing

/// Body limits, keep-alive and concurrency over real loopback HTTP.
@Suite("Server limits and connections")
struct ServerLimitTests {
  /// An echo route behind a small body limit; `received` records the body sizes handlers saw.
  static func router(received: ServerTestCollector<Int>? = nil) -> Router {
    var router = Router()
    router.post("/upload") { request in
      received?.append(request.body.count)
      return .text(status: 200, "got \(request.body.count)")
    }
    router.get("/n/{n}") { request in .text(status: 200, request.pathParameters["n"] ?? "") }
    router.add("GET", "/async/{n}") { (request: Request) async -> Response in
      await Task.yield()
      return .text(status: 200, "a" + (request.pathParameters["n"] ?? ""))
    }
    return router
  }

  /// Default settings with a 64 KiB body limit on an ephemeral port.
  static let limited = ServerConfiguration(port: 0, maxBodyBytes: 64 * 1024)

  @Test("a declared Content-Length over the limit is answered 413 before the body is sent")
  func tooLargeByContentLength() async throws {
    let received = ServerTestCollector<Int>()
    try await withServer(Self.router(received: received), configuration: Self.limited) { _, port in
      let (answeredEarly, response, closed) = try await blocking {
        let client = try ServerTestClient(port: port)
        try client.send(
          "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(64 * 1024 + 1)\r\nx-request-id: big-1\r\n\r\n"
        )
        let readable = client.isReadable(within: 5_000)
        return (readable, try client.readResponse(), client.waitForClose())
      }
      #expect(answeredEarly)
      #expect(response.status == 413)
      #expect(response.jsonObject?["error"] as? String == "body_too_large")
      #expect(response.header("connection")?.lowercased() == "close")
      #expect(response.header("x-request-id") == "big-1")
      #expect(closed)
    }
    #expect(received.all.isEmpty)
  }

  @Test("a body exactly at the limit is accepted")
  func bodyAtLimit() async throws {
    try await withServer(Self.router(), configuration: Self.limited) { _, port in
      let response = try await fetch(
        port: port, "POST", "/upload", body: [UInt8](repeating: 7, count: 64 * 1024))
      #expect(response.status == 200)
      #expect(response.text == "got 65536")
    }
  }

  @Test("a chunked body growing past the limit is answered 413 once the running total exceeds it")
  func tooLargeByChunkedStream() async throws {
    let received = ServerTestCollector<Int>()
    try await withServer(Self.router(received: received), configuration: Self.limited) { _, port in
      let (sent, response, closed) = try await blocking {
        let client = try ServerTestClient(port: port)
        try client.send(
          "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nx-request-id: stream-1\r\n\r\n"
        )
        let chunk =
          Array("2000\r\n".utf8) + [UInt8](repeating: 65, count: 0x2000) + Array("\r\n".utf8)
        var sent = 0
        // Up to 16x the limit and never the final chunk: only an early answer ends this.
        while sent < 16 * 64 * 1024, !client.isReadable(within: 20) {
          do { try client.send(chunk) } catch { break }
          sent += 0x2000
        }
        return (sent, try client.readResponse(), client.waitForClose())
      }
      #expect(response.status == 413)
      #expect(response.jsonObject?["error"] as? String == "body_too_large")
      #expect(response.header("connection")?.lowercased() == "close")
      #expect(response.header("x-request-id") == "stream-1")
      #expect(sent > 64 * 1024 && sent < 16 * 64 * 1024)
      #expect(closed)
    }
    #expect(received.all.isEmpty)
  }

  @Test("three requests reuse one keep-alive connection")
  func keepAlive() async throws {
    try await withServer(Self.router(), configuration: Self.limited) { _, port in
      let (responses, stillOpen) = try await blocking {
        let client = try ServerTestClient(port: port)
        let responses = [
          try client.request("GET", "/n/1"),
          try client.request("POST", "/upload", body: Array("abc".utf8)),
          try client.request("GET", "/n/3"),
        ]
        return (responses, !client.isReadable(within: 50))
      }
      #expect(responses.map(\.text) == ["1", "got 3", "3"])
      #expect(responses.allSatisfy { $0.header("connection")?.lowercased() != "close" })
      #expect(stillOpen)
    }
  }

  @Test("Connection: close from the client is honoured")
  func connectionCloseHonoured() async throws {
    try await withServer(Self.router()) { _, port in
      let (response, closed) = try await blocking {
        let client = try ServerTestClient(port: port)
        let response = try client.request("GET", "/n/9", headers: [("Connection", "close")])
        return (response, client.waitForClose())
      }
      #expect(response.text == "9")
      #expect(response.header("connection")?.lowercased() == "close")
      #expect(closed)
    }
  }

  @Test("200 concurrent requests from as many threads are each answered correctly")
  func concurrentRequests() async throws {
    let answers = ServerTestCollector<String>()
    let failures = ServerTestCollector<String>()
    try await withServer(Self.router()) { server, port in
      try await blocking {
        runOnThreads(200) { index in
          do {
            let path = index.isMultiple(of: 2) ? "/n/\(index)" : "/async/\(index)"
            let response = try ServerTestClient(port: port, timeoutSeconds: 30).request("GET", path)
            let expected = index.isMultiple(of: 2) ? "\(index)" : "a\(index)"
            answers.append(
              response.status == 200 && response.text == expected ? "ok" : "wrong \(index)")
          } catch {
            failures.append("\(index): \(error)")
          }
        }
      }
      #expect(await eventually { server.inFlightCount == 0 })
    }
    #expect(failures.all.isEmpty)
    #expect(answers.all.count == 200)
    #expect(answers.all.allSatisfy { $0 == "ok" })
  }
}
