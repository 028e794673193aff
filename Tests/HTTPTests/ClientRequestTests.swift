import Foundation
import HTTPClient
import Testing

/// Specification of `HTTPClient.send` against a real loopback server: methods, bodies, errors, reuse, concurrency.
@Suite("HTTPClient requests over real loopback HTTP")
struct ClientRequestTests {
  @Test("a GET round trip carries custom headers and returns status, headers and body")
  private func getRoundTrip() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let response = try await client.send(
        HTTPClientRequest(
          url: server.base + "/echo?q=1", headers: [("X-Trace", "abc 123"), ("X-Empty", "")]))
      #expect(response.status == 200)
      #expect(response.header("content-type") == "application/json")
      #expect(response.elapsed > .zero)
      let echo = try ClientEcho.decode(response)
      #expect(echo.method == "GET")
      #expect(echo.path == "/echo?q=1")
      #expect(echo.header("X-Trace") == "abc 123")
      #expect(echo.header("X-Empty") == "")
      #expect(echo.header("User-Agent") == "talentwatch/0.1")
      #expect(echo.bodyBytes.isEmpty)
    }
  }

  @Test("a POST sends a binary body byte for byte with its content type and no Expect header")
  private func postBinaryBody() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient(userAgent: "tw-test/1")
      let body = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) } + [0, 13, 10, 0]
      let response = try await client.send(
        HTTPClientRequest(
          method: "POST", url: server.base + "/echo",
          headers: [("Content-Type", "application/octet-stream")], body: body))
      let echo = try ClientEcho.decode(response)
      #expect(echo.method == "POST")
      #expect(echo.bodyBytes == body)
      #expect(echo.header("Content-Length") == String(body.count))
      #expect(echo.header("Content-Type") == "application/octet-stream")
      #expect(echo.header("Expect") == nil)
      #expect(echo.header("User-Agent") == "tw-test/1")
    }
  }

  @Test("a POST without a content type gets none, not libcurl's form default")
  private func postWithoutContentType() async throws {
    try await ClientTestServer.with { server in
      let response = try await HTTPClient().send(
        HTTPClientRequest(method: "POST", url: server.base + "/echo", body: Array("a=b".utf8)))
      let echo = try ClientEcho.decode(response)
      #expect(echo.header("Content-Type") == nil)
      #expect(echo.bodyBytes == Array("a=b".utf8))
    }
  }

  @Test("PUT, PATCH and DELETE are sent with their own methods; HEAD returns headers only")
  private func otherMethods() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      for method in ["PUT", "PATCH", "DELETE", "OPTIONS"] {
        let response = try await client.send(
          HTTPClientRequest(
            method: method, url: server.base + "/echo", body: method == "DELETE" ? [] : [1, 2]))
        let echo = try ClientEcho.decode(response)
        #expect(echo.method == method)
        #expect(echo.bodyBytes == (method == "DELETE" ? [] : [1, 2]))
      }
      let head = try await client.send(
        HTTPClientRequest(method: "HEAD", url: server.base + "/bytes?n=10"))
      #expect(head.status == 200)
      #expect(head.header("Content-Length") == "10")
      #expect(head.body.isEmpty)
    }
  }

  @Test("error statuses are returned as responses, not thrown")
  private func statusesAreResponses() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      for code in [201, 204, 400, 401, 404, 410, 429, 500, 503] {
        let response = try await client.send(
          HTTPClientRequest(url: server.base + "/status/\(code)"))
        #expect(response.status == code)
        #expect(response.isSuccess == (200..<300).contains(code))
      }
    }
  }

  @Test("an answer that is not HTTP fails with .invalidResponse, not .invalidURL")
  private func invalidResponse() async throws {
    try await ClientTestServer.with { server in
      await #expect(throws: HTTPClientError.invalidResponse) {
        try await HTTPClient().send(HTTPClientRequest(url: server.base + "/garbage"))
      }
    }
  }

  @Test("a request slower than its total timeout fails with .timeout")
  private func totalTimeout() async throws {
    try await ClientTestServer.with { server in
      let started = ContinuousClock.now
      await #expect(throws: HTTPClientError.timeout) {
        try await HTTPClient().send(
          HTTPClientRequest(url: server.base + "/slow?ms=3000", timeout: .milliseconds(300)))
      }
      #expect(ContinuousClock.now - started < .seconds(2))
    }
  }

  @Test("a refused connection fails with .connectFailed and carries the libcurl code")
  private func connectRefused() async throws {
    let port = try ClientTestServer.closedPort()
    do {
      _ = try await HTTPClient().send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/"))
      Issue.record("a closed port answered")
    } catch {
      #expect(error == .connectFailed)
      #expect(error.curlCode == 7)
      #expect(error.isRetryable)
    }
  }

  @Test("redirects are not followed by default and are followed when asked")
  private func redirects() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let url = server.base + "/redirect?to=/echo"
      let unfollowed = try await client.send(HTTPClientRequest(url: url))
      #expect(unfollowed.status == 302)
      #expect(unfollowed.header("Location") == "/echo")
      let followed = try await client.send(HTTPClientRequest(url: url, followRedirects: true))
      #expect(followed.status == 200)
      #expect(try ClientEcho.decode(followed).path == "/echo")
      #expect(followed.header("Location") == nil)
    }
  }

  @Test("a redirect loop fails with .tooManyRedirects")
  private func redirectLoop() async throws {
    try await ClientTestServer.with { server in
      await #expect(throws: HTTPClientError.tooManyRedirects) {
        try await HTTPClient().send(
          HTTPClientRequest(url: server.base + "/redirect-loop", followRedirects: true))
      }
      let stats = try await server.stats(using: HTTPClient())
      #expect(stats.requests["/redirect-loop"] == 6)
    }
  }

  @Test("repeated header fields are all kept, and lookup ignores case")
  private func repeatedHeaders() async throws {
    try await ClientTestServer.with { server in
      let response = try await HTTPClient().send(
        HTTPClientRequest(url: server.base + "/multi-header"))
      #expect(response.headers(named: "set-cookie") == ["a=1", "b=2"])
      #expect(response.header("SET-COOKIE") == "a=1")
      #expect(response.header("x-folded") == "one")
      #expect(response.header("X-Missing") == nil)
    }
  }

  @Test("a body over maximumResponseBytes fails with .responseTooLarge; one at the limit passes")
  private func responseLimit() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let exact = try await client.send(
        HTTPClientRequest(url: server.base + "/bytes?n=100000", maximumResponseBytes: 100_000))
      #expect(exact.body.count == 100_000)
      await #expect(throws: HTTPClientError.responseTooLarge) {
        try await client.send(
          HTTPClientRequest(url: server.base + "/bytes?n=100001", maximumResponseBytes: 100_000))
      }
    }
  }

  @Test("schemes other than http and https, and malformed URLs, are refused as .invalidURL")
  private func invalidURLs() async throws {
    let client = HTTPClient()
    for url in [
      "file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1/", "http://", "not a url",
    ] {
      await #expect(throws: HTTPClientError.invalidURL, "\(url)") {
        try await client.send(HTTPClientRequest(url: url))
      }
    }
  }

  @Test("a header or method that would split the request is refused before anything is sent")
  private func headerInjection() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let bad: [HTTPClientRequest] = [
        HTTPClientRequest(url: server.base + "/echo", headers: [("X-A", "1\r\nX-Injected: yes")]),
        HTTPClientRequest(url: server.base + "/echo", headers: [("X-A\nB", "1")]),
        HTTPClientRequest(url: server.base + "/echo", headers: [("", "1")]),
        HTTPClientRequest(method: "GET /x HTTP/1.1\r\n", url: server.base + "/echo"),
        HTTPClientRequest(method: "", url: server.base + "/echo"),
      ]
      for request in bad {
        await #expect(throws: HTTPClientError.invalidRequest) { try await client.send(request) }
      }
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/echo"] == nil)
    }
  }

  @Test(
    "TLS peers are verified: a self-signed certificate fails with .tls unless its CA is trusted")
  private func tlsVerification() async throws {
    try await ClientTestServer.with(tls: true) { server in
      let client = HTTPClient()
      do throws(HTTPClientError) {
        _ = try await client.send(HTTPClientRequest(url: server.base + "/echo"))
        Issue.record("an untrusted certificate was accepted")
      } catch {
        #expect(error == .tls)
        #expect(error.curlCode == 60)
        #expect(!error.isRetryable)
      }
      let trusted = try await client.send(
        HTTPClientRequest(url: server.base + "/echo", caCertificatesPath: server.certificatePath))
      #expect(trusted.status == 200)
      #expect(try ClientEcho.decode(trusted).method == "GET")
    }
  }

  @Test("ten sequential requests reuse one TCP connection (two at most)")
  private func connectionReuse() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let started = ContinuousClock.now
      for index in 0..<10 {
        let response = try await client.send(
          HTTPClientRequest(
            method: index.isMultiple(of: 2) ? "GET" : "POST", url: server.base + "/echo", body: []))
        #expect(response.status == 200)
      }
      let elapsed = ContinuousClock.now - started
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/echo"] == 10)
      #expect((1...2).contains(stats.connections))
      print(
        "client-measure: 10 sequential requests in \(elapsed), \(stats.connections) connection(s)")
    }
  }

  @Test("fifty concurrent requests all succeed through at most eight connections")
  private func concurrentRequests() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient(maximumConcurrentRequests: 8)
      let started = ContinuousClock.now
      let echoed = try await withThrowingTaskGroup(of: Bool.self) { group in
        for index in 0..<50 {
          group.addTask {
            let body = Array("request \(index)".utf8)
            let response = try await client.send(
              HTTPClientRequest(
                method: "POST", url: server.base + "/echo?slot=\(index)", body: body))
            return try ClientEcho.decode(response).bodyBytes == body
          }
        }
        return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
      }
      let elapsed = ContinuousClock.now - started
      #expect(echoed == 50)
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/echo"] == 50)
      #expect(stats.connections <= 8)
      print("client-measure: 50 concurrent POSTs in \(elapsed), \(stats.connections) connections")
    }
  }

  @Test("a pinned request connects to the pinned address, never to what the name resolves to")
  private func pinnedAddresses() async throws {
    try await ClientTestServer.with { server in
      // One worker, one handle: the second request runs where the first left its pin.
      let client = HTTPClient(maximumConcurrentRequests: 1)
      // `Connection: close`, so that the second request has to connect again (a kept-alive
      // connection to a checked address may be reused whatever the pin).
      var pinned = HTTPClientRequest(
        url: "http://receiver.invalid:\(server.port)/echo", headers: [("Connection", "close")])
      pinned.pinnedAddresses = ["127.0.0.1"]
      // The name does not resolve at all: only the pin can lead to the server.
      let response = try await client.send(pinned)
      #expect(response.status == 200)
      #expect(try ClientEcho.decode(response).path == "/echo")
      // Pinned elsewhere now (the server listens on 127.0.0.1 only): the earlier pin is not reused.
      pinned.pinnedAddresses = ["127.0.0.2"]
      await #expect(throws: HTTPClientError.self) { try await client.send(pinned) }
      #expect(try await server.stats(using: client).requests["/echo"] == 1)
    }
  }

  @Test(
    "cancelling the calling task aborts a running request with .cancelled within about a second")
  private func cancellation() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let task = Task { () async throws(HTTPClientError) -> HTTPClientResponse in
        try await client.send(HTTPClientRequest(url: server.base + "/slow?ms=5000"))
      }
      try await server.awaitRequests(path: "/slow")
      let cancelledAt = ContinuousClock.now
      task.cancel()
      let result = await task.result
      let latency = ContinuousClock.now - cancelledAt
      #expect(throws: HTTPClientError.cancelled) { try result.get() }
      #expect(latency < .seconds(2))
      print("client-measure: cancellation took \(latency)")
    }
  }

  @Test("shutdown aborts a running request, rejects later ones, and is idempotent")
  private func shutdown() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let running = Task { () async throws(HTTPClientError) -> HTTPClientResponse in
        try await client.send(HTTPClientRequest(url: server.base + "/slow?ms=5000"))
      }
      try await server.awaitRequests(path: "/slow")
      client.shutdown()
      client.shutdown()
      let result = await running.result
      #expect(throws: HTTPClientError.shutdown) { try result.get() }
      await #expect(throws: HTTPClientError.shutdown) {
        try await client.send(HTTPClientRequest(url: server.base + "/echo"))
      }
    }
  }

  @Test("sendBlocking performs a request for a caller on its own thread")
  private func blocking() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let url = server.base + "/status/202"
      let status = await withCheckedContinuation {
        (continuation: CheckedContinuation<Int, Never>) in
        Thread {
          let status = (try? client.sendBlocking(HTTPClientRequest(url: url)))?.status ?? -1
          continuation.resume(returning: status)
        }.start()
      }
      #expect(status == 202)
    }
  }

  @Test("error descriptions name the kind and code, never the URL, headers or body")
  private func errorDescriptions() async throws {
    let port = try ClientTestServer.closedPort()
    let secret = "sk_live_do_not_log"
    do {
      _ = try await HTTPClient().send(
        HTTPClientRequest(
          method: "POST", url: "http://127.0.0.1:\(port)/?api_key=\(secret)",
          headers: [("Authorization", "Bearer \(secret)")], body: Array(secret.utf8)))
      Issue.record("a closed port answered")
    } catch {
      #expect(error.description.hasPrefix("HTTPClientError.connectFailed (curl code 7"))
      #expect(!error.description.contains(secret))
      #expect(!error.description.contains(String(port)))
    }
    #expect(HTTPClientError.timeout.description == "HTTPClientError.timeout")
  }
}
