import Foundation
import HTTPClient
import Testing

/// Specification of `RetryPolicy.delay` and `HTTPDate` with plain values, no I/O.
@Suite("RetryPolicy decisions as pure values")
struct ClientRetryPolicyTests {
  private let now = Date(timeIntervalSince1970: 1_700_000_000)
  private let policy = RetryPolicy()

  /// The wait after `attempt` for a 503 without Retry-After.
  private func wait(_ policy: RetryPolicy, _ attempt: Int, randomUnit: Double = 0.5) -> Duration? {
    policy.delay(
      afterAttempt: attempt, status: 503, error: nil, retryAfter: nil, now: now,
      randomUnit: randomUnit)
  }

  @Test("the default policy matches its documented values")
  private func defaults() {
    #expect(policy.maxAttempts == 4)
    #expect(policy.baseDelay == .milliseconds(200))
    #expect(policy.maxDelay == .seconds(30))
    #expect(policy.jitter == 0.2)
    #expect(policy.retryableStatuses == [429, 500, 502, 503, 504])
    #expect(RetryPolicy.none.maxAttempts == 1)
  }

  @Test("the wait doubles with every attempt, from the base delay")
  private func exponentialGrowth() {
    let policy = RetryPolicy(maxAttempts: 10)
    #expect(wait(policy, 1) == .milliseconds(200))
    #expect(wait(policy, 2) == .milliseconds(400))
    #expect(wait(policy, 3) == .milliseconds(800))
    #expect(wait(policy, 4) == .milliseconds(1600))
  }

  @Test("the wait is clamped to maxDelay, even for absurd attempt numbers")
  private func clamping() {
    let policy = RetryPolicy(maxAttempts: .max, maxDelay: .seconds(30))
    #expect(wait(policy, 9) == .seconds(30))
    #expect(wait(policy, 2000) == .seconds(30))
    #expect(wait(policy, .max - 1) == .seconds(30))
    #expect(wait(policy, 9, randomUnit: 0.999_999)! <= .seconds(30))
    #expect(wait(policy, 9, randomUnit: 0) == .seconds(24))
  }

  @Test("jitter stays within plus or minus the configured fraction")
  private func jitterBounds() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), jitter: 0.2)
    #expect(wait(policy, 1, randomUnit: 0) == .milliseconds(800))
    #expect(wait(policy, 1, randomUnit: 0.5) == .seconds(1))
    for step in 0..<100 {
      let delay = wait(policy, 1, randomUnit: Double(step) / 100)!
      #expect(delay >= .milliseconds(800) && delay < .milliseconds(1200))
    }
    #expect(wait(RetryPolicy(baseDelay: .seconds(1), jitter: 0), 1, randomUnit: 0.9) == .seconds(1))
    #expect(wait(policy, 1, randomUnit: 7)! <= .milliseconds(1200))
    #expect(wait(policy, 1, randomUnit: -3) == .milliseconds(800))
  }

  @Test(
    "Retry-After in seconds wins over the exponential wait, without jitter, clamped to maxDelay")
  private func retryAfterSeconds() {
    let delay = { (value: String, status: Int) in
      policy.delay(
        afterAttempt: 3, status: status, error: nil, retryAfter: value, now: now, randomUnit: 0)
    }
    #expect(delay("7", 429) == .seconds(7))
    #expect(delay(" 1 ", 503) == .seconds(1))
    #expect(delay("0", 503) == .zero)
    #expect(delay("120", 503) == .seconds(30))
    #expect(delay("99999999999999999999999", 503) == .seconds(30))
    #expect(delay("soon", 503) == .milliseconds(640))  // unparsable: exponential, jitter 0 → -20 %
    #expect(delay("-5", 503) == .milliseconds(640))
    #expect(delay("7", 404) == nil)
  }

  @Test("Retry-After as an HTTP-date waits until that date, in all three date forms")
  private func retryAfterDate() {
    let date = { (value: String) in
      policy.delay(
        afterAttempt: 1, status: 503, error: nil, retryAfter: value, now: now, randomUnit: 0)
    }
    // now = 2023-11-14 22:13:20 UTC
    #expect(date("Tue, 14 Nov 2023 22:13:25 GMT") == .seconds(5))
    #expect(date("Tuesday, 14-Nov-23 22:13:30 GMT") == .seconds(10))
    #expect(date("Tue Nov 14 22:13:22 2023") == .seconds(2))
    #expect(date("Tue, 14 Nov 2023 22:00:00 GMT") == .zero)  // in the past: go now
    #expect(date("Wed, 15 Nov 2023 22:13:20 GMT") == .seconds(30))  // a day ahead: clamped
    // An invalid hour makes the header unusable: back to the exponential wait.
    #expect(date("Tue, 14 Nov 2023 25:13:25 GMT") == .milliseconds(160))
  }

  @Test("HTTP-dates convert to the right instants")
  private func httpDates() {
    #expect(
      HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
    #expect(
      HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
    #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == Date(timeIntervalSince1970: 784_111_777))
    #expect(
      HTTPDate.parse("Thu, 29 Feb 2024 00:00:00 GMT") == Date(timeIntervalSince1970: 1_709_164_800))
    #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
    #expect(HTTPDate.parse("06 Nov 1994") == nil)
    #expect(HTTPDate.parse("Sun, 06 Foo 1994 08:49:37 GMT") == nil)
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49 GMT") == nil)
    #expect(HTTPDate.parse("") == nil)
  }

  @Test(
    "timeouts, connect failures and lost connections are retried; TLS, bad URLs and cancellation are not"
  )
  private func errorsRetryable() {
    let delay = { (error: HTTPClientError) in
      policy.delay(
        afterAttempt: 1, status: nil, error: error, retryAfter: nil, now: now, randomUnit: 0.5)
    }
    #expect(delay(.timeout) == .milliseconds(200))
    #expect(delay(.connectFailed) == .milliseconds(200))
    #expect(delay(.connectionLost) == .milliseconds(200))
    for final: HTTPClientError in [
      .tls, .invalidURL, .invalidRequest, .tooManyRedirects, .invalidResponse, .responseTooLarge,
      .cancelled,
      .shutdown, .other,
    ] {
      #expect(delay(final) == nil, "\(final)")
    }
  }

  @Test("only the configured statuses are retried; success and client errors are final")
  private func statusesRetryable() {
    for status in [429, 500, 502, 503, 504] {
      #expect(wait(policy, 1) != nil && policy.retryableStatuses.contains(status))
    }
    for status in [200, 201, 301, 400, 401, 404, 410, 501] {
      #expect(
        policy.delay(
          afterAttempt: 1, status: status, error: nil, retryAfter: "1", now: now, randomUnit: 0.5)
          == nil,
        "\(status)")
    }
    let custom = RetryPolicy(retryableStatuses: [409])
    #expect(
      custom.delay(
        afterAttempt: 1, status: 409, error: nil, retryAfter: nil, now: now, randomUnit: 0.5) != nil
    )
    #expect(
      custom.delay(
        afterAttempt: 1, status: 503, error: nil, retryAfter: nil, now: now, randomUnit: 0.5) == nil
    )
  }

  @Test("no retry once maxAttempts attempts were made, nor without any outcome")
  private func maxAttemptsReached() {
    #expect(wait(policy, 3) != nil)
    #expect(wait(policy, 4) == nil)
    #expect(wait(policy, 5) == nil)
    #expect(wait(RetryPolicy.none, 1) == nil)
    #expect(
      policy.delay(
        afterAttempt: 1, status: nil, error: nil, retryAfter: nil, now: now, randomUnit: 0) == nil)
    let retryAfterAtLimit = policy.delay(
      afterAttempt: 4, status: 429, error: nil, retryAfter: "1", now: now, randomUnit: 0)
    #expect(retryAfterAtLimit == nil)
  }
}
