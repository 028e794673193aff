public import Foundation

/// A requests-per-minute limiter as a value: a bucket of `capacity` tokens refilled evenly over a
/// minute. `reserve(now:)` takes a token (possibly one not yet refilled) and says how long the caller
/// must wait before using it, so concurrent callers queue fairly. Pure: the clock is passed in.
public struct TokenBucket: Sendable, Hashable {
  /// The most tokens the bucket holds (the burst).
  public let capacity: Double
  /// Tokens added per second.
  public let refillPerSecond: Double
  /// Tokens available at `updatedAt` (negative when reservations are queued).
  public private(set) var tokens: Double
  /// When `tokens` was last brought up to date.
  public private(set) var updatedAt: Date

  /// A full bucket for `requestsPerMinute` (at least 1), starting at `now`.
  public init(requestsPerMinute: Int, now: Date) {
    let rate = Double(max(requestsPerMinute, 1))
    capacity = rate
    refillPerSecond = rate / 60
    tokens = rate
    updatedAt = now
  }

  /// Takes one token; returns the seconds to wait before the request may be sent (0 when at once).
  public mutating func reserve(now: Date) -> TimeInterval {
    let elapsed = max(now.timeIntervalSince(updatedAt), 0)
    tokens = min(capacity, tokens + elapsed * refillPerSecond)
    updatedAt = max(now, updatedAt)
    tokens -= 1
    return tokens >= 0 ? 0 : -tokens / refillPerSecond
  }
}
