public import Foundation

/// A requests-per-minute limit as a value, kept the way a provider counts it: at most `limit` requests
/// start within any 60 seconds. A burst of `limit` goes at once; the next request waits until the
/// oldest of those is a minute old. (A token bucket that starts full lets almost twice the limit through
/// in the first minute.) `reserve(now:)` books a start time for one request and says how long the caller
/// must wait for it, so concurrent callers queue fairly. Pure: the clock is passed in.
public struct SlidingWindowLimit: Sendable, Hashable {
  /// The most requests that may start within any 60 seconds (at least 1).
  public let limit: Int
  /// The start times booked within the last minute (and ahead of now, when callers queue), oldest first.
  public private(set) var starts: [Date] = []

  /// A limit of `requestsPerMinute` (at least 1), with nothing booked.
  public init(requestsPerMinute: Int) {
    limit = max(requestsPerMinute, 1)
  }

  /// Books one request; returns the seconds to wait before sending it (0 when at once).
  public mutating func reserve(now: Date) -> TimeInterval {
    starts.removeAll { now.timeIntervalSince($0) >= 60 }
    let start: Date
    if starts.count < limit {
      start = max(now, starts.last ?? now)
    } else {
      // The request `limit` places back must be a minute old first.
      start = max(now, starts[starts.count - limit].addingTimeInterval(60))
    }
    starts.append(start)
    return max(start.timeIntervalSince(now), 0)
  }
}
