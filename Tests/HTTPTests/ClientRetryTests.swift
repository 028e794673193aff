import Foundation
import HTTPClient
import Testing

/// Specification of `HTTPClient.send(_:retry:)` against a real loopback server.
@Suite("HTTPClient retries over real loopback HTTP")
struct ClientRetryTests {
  /// Short waits so that the suite stays fast; Retry-After still wins over them.
  private let quick = RetryPolicy(
    maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .seconds(5))

  @Test("a 429 with Retry-After: 1 is retried after at least a second and then succeeds")
  private func retryAfterHonoured() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let started = ContinuousClock.now
      let response = try await client.send(
        HTTPClientRequest(url: server.base + "/retry-after?key=a&n=1&after=1&code=429"),
        retry: quick)
      let elapsed = ContinuousClock.now - started
      #expect(response.status == 200)
      #expect(String(decoding: response.body, as: UTF8.self) == "ok after 1")
      #expect(elapsed >= .milliseconds(950))
      #expect(elapsed < .seconds(10))
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/retry-after"] == 2)
    }
  }

  @Test(
    "when retries are exhausted on a 503 the caller gets the last 503 after maxAttempts requests")
  private func exhaustedReturnsLastResponse() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let response = try await client.send(
        HTTPClientRequest(url: server.base + "/status/503"), retry: quick)
      #expect(response.status == 503)
      #expect(String(decoding: response.body, as: UTF8.self) == "status 503")
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/status/503"] == 3)
    }
  }

  @Test("a non-retryable status is returned after one attempt")
  private func nonRetryableStatus() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let response = try await client.send(
        HTTPClientRequest(url: server.base + "/status/404"), retry: quick)
      #expect(response.status == 404)
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/status/404"] == 1)
    }
  }

  @Test("a connect failure is retried with backoff and the last error is thrown")
  private func connectFailureRetriedThenThrown() async throws {
    let port = try ClientTestServer.closedPort()
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), jitter: 0)
    let started = ContinuousClock.now
    await #expect(throws: HTTPClientError.connectFailed) {
      try await HTTPClient().send(
        HTTPClientRequest(url: "http://127.0.0.1:\(port)/"), retry: policy)
    }
    // Two waits: 100 ms after attempt 1 and 200 ms after attempt 2.
    #expect(ContinuousClock.now - started >= .milliseconds(300))
  }

  @Test("an invalid URL is not retried")
  private func invalidURLNotRetried() async throws {
    // A retry would first wait 120 s (maxDelay raised so it is not clamped); the bound below leaves
    // wide room for a loaded machine while still telling one attempt from two.
    let policy = RetryPolicy(
      maxAttempts: 5, baseDelay: .seconds(120), maxDelay: .seconds(300), jitter: 0)
    let started = ContinuousClock.now
    await #expect(throws: HTTPClientError.invalidURL) {
      try await HTTPClient().send(HTTPClientRequest(url: "ftp://127.0.0.1/"), retry: policy)
    }
    #expect(ContinuousClock.now - started < .seconds(60))
  }

  @Test("cancelling during the wait between attempts stops the retries with .cancelled")
  private func cancelledWhileWaiting() async throws {
    try await ClientTestServer.with { server in
      let client = HTTPClient()
      let slowPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(20), jitter: 0)
      let task = Task { () async throws(HTTPClientError) -> HTTPClientResponse in
        try await client.send(
          HTTPClientRequest(url: server.base + "/status/503"), retry: slowPolicy)
      }
      try await server.awaitRequests(path: "/status/503")
      try await Task.sleep(for: .milliseconds(100))  // into the 20 s wait
      task.cancel()
      let result = await task.result
      #expect(throws: HTTPClientError.cancelled) { try result.get() }
      let stats = try await server.stats(using: client)
      #expect(stats.requests["/status/503"] == 1)
    }
  }
}
