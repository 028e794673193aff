public import Foundation

/// Retry decisions as a pure value: whether to try again after an attempt, and how long to wait first.
///
/// No I/O and no hidden randomness: the caller passes the clock reading and a random number, so every
/// decision can be tested with plain values (`HTTPClient.send(_:retry:)` passes `Date()` and a uniform draw).
///
/// The wait after attempt `n` (1-based) is `baseDelay * 2^(n-1)`, clamped to `maxDelay` while still a
/// `Double` (so huge attempt numbers cannot overflow), then scaled by a jitter factor in
/// `1 - jitter ..< 1 + jitter` taken from `randomUnit`, and clamped to `maxDelay` again. A `Retry-After`
/// header on a retryable status wins over the exponential wait, without jitter, clamped to `maxDelay`.
///
/// Examples with the defaults (base 200 ms, max 30 s, jitter 0.2, 4 attempts):
///
/// | after attempt | outcome                         | randomUnit 0 | 0.5     | → 1 (excl.) |
/// |---------------|---------------------------------|--------------|---------|-------------|
/// | 1             | 503 or `.timeout`               | 160 ms       | 200 ms  | 240 ms      |
/// | 2             | 503                             | 320 ms       | 400 ms  | 480 ms      |
/// | 3             | 429, `Retry-After: 7`           | 7 s          | 7 s     | 7 s         |
/// | 3             | 503, `Retry-After: 120`         | 30 s         | 30 s    | 30 s        |
/// | 1             | 503, Retry-After date 5 s ahead | 5 s          | 5 s     | 5 s         |
/// | 4             | 503 (maxAttempts reached)       | nil          | nil     | nil         |
/// | 1             | 404, 200, `.tls`, `.invalidURL` | nil          | nil     | nil         |
///
/// With `maxAttempts` raised to 12: attempt 8 waits 25.6 s ± 20 % (20.48 s to 30 s after the final clamp),
/// attempt 9 and later clamp to 30 s before jitter, so 24 s to 30 s.
public struct RetryPolicy: Sendable, Hashable {
  /// Total attempts including the first; 1 means never retry.
  public var maxAttempts: Int
  /// The wait after the first failed attempt; doubles with every further attempt.
  public var baseDelay: Duration
  /// The longest wait ever returned, for the exponential wait and for `Retry-After` alike.
  public var maxDelay: Duration
  /// The jitter as a fraction of the wait (0.2 = ± 20 %); clamped to 0...1.
  public var jitter: Double
  /// The statuses worth retrying; any other status is final.
  public var retryableStatuses: Set<Int>

  /// Creates a policy; the defaults suit calls to a provider API.
  public init(
    maxAttempts: Int = 4,
    baseDelay: Duration = .milliseconds(200),
    maxDelay: Duration = .seconds(30),
    jitter: Double = 0.2,
    retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
  ) {
    self.maxAttempts = maxAttempts
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.jitter = jitter
    self.retryableStatuses = retryableStatuses
  }

  /// A policy that never retries.
  public static let none = RetryPolicy(maxAttempts: 1)

  /// The wait before the next attempt, or nil when the outcome of attempt `attempt` (1-based) is final.
  ///
  /// - Parameters:
  ///   - status: the response status when a response arrived, else nil.
  ///   - error: the failure when no response arrived, else nil; only retryable kinds are retried
  ///     (timeouts, connect failures, lost connections), never TLS, invalid URL, cancellation or shutdown.
  ///   - retryAfter: the raw `Retry-After` header value: delta seconds or an HTTP-date; ignored when unparsable.
  ///   - now: the current time, used to turn an HTTP-date into a wait.
  ///   - randomUnit: a uniform random number in 0..<1 for the jitter (clamped into that range).
  public func delay(
    afterAttempt attempt: Int, status: Int?, error: HTTPClientError?, retryAfter: String?,
    now: Date,
    randomUnit: Double
  ) -> Duration? {
    guard attempt < maxAttempts else { return nil }
    if let error {
      guard error.isRetryable else { return nil }
    } else if let status {
      guard retryableStatuses.contains(status) else { return nil }
      if let retryAfter, let wait = Self.retryAfterSeconds(retryAfter, now: now) {
        return Self.duration(seconds: min(wait, maxDelaySeconds))
      }
    } else {
      return nil
    }
    return exponentialDelay(afterAttempt: attempt, randomUnit: randomUnit)
  }

  /// The jittered exponential wait after `attempt`, clamped before conversion to `Duration`.
  private func exponentialDelay(afterAttempt attempt: Int, randomUnit: Double) -> Duration {
    let ceiling = maxDelaySeconds
    let exponent = Double(max(attempt, 1) - 1)
    let raw = min(max(Self.seconds(baseDelay), 0) * pow(2, exponent), ceiling)
    let spread = min(max(jitter.isNaN ? 0 : jitter, 0), 1)
    let unit = randomUnit.isNaN ? 0.5 : min(max(randomUnit, 0), 1)
    let jittered = raw * (1 + spread * (2 * unit - 1))
    return Self.duration(seconds: min(max(jittered, 0), ceiling))
  }

  /// Finite, non-negative seconds as a `Duration` rounded to the nanosecond (so 0.2 * 3.2 is exactly 640 ms).
  private static func duration(seconds: Double) -> Duration {
    let nanoseconds = (seconds * 1e9).rounded()
    guard nanoseconds < 9.2e18 else { return .nanoseconds(Int64.max) }
    return .nanoseconds(Int64(max(nanoseconds, 0)))
  }

  /// `maxDelay` in seconds, never negative.
  private var maxDelaySeconds: Double { max(Self.seconds(maxDelay), 0) }

  /// A `Retry-After` value as a non-negative number of seconds: delta seconds, or an HTTP-date minus `now`.
  static func retryAfterSeconds(_ value: String, now: Date) -> Double? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty,
      trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    {
      // A run of digits too long for Int is still "a very long time": clamp rather than reject.
      return Double(trimmed) ?? .greatestFiniteMagnitude
    }
    guard let date = HTTPDate.parse(trimmed) else { return nil }
    return max(date.timeIntervalSince(now), 0)
  }

  /// A `Duration` as floating-point seconds.
  private static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
