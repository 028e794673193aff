public import Foundation

/// When a delivery is attempted: the Standard Webhooks schedule by default, with jitter.
///
/// `delays[0]` is the wait before the first attempt (0: immediately), `delays[n]` the wait after the
/// n-th failed attempt; so there are `delays.count` attempts in all.
///
/// | attempt | 1 | 2   | 3     | 4      | 5   | 6   | 7    | 8    | 9    | 10   |
/// |---------|---|-----|-------|--------|-----|-----|------|------|------|------|
/// | after   | 0 | 5 s | 5 min | 30 min | 2 h | 5 h | 10 h | 14 h | 20 h | 24 h |
public struct NotificationRetrySchedule: Sendable, Hashable {
  /// The waits in seconds, first attempt first.
  public var delays: [TimeInterval]
  /// Up to this fraction of a wait is added at random (0.1 = up to 10 % later), never earlier.
  public var jitterFraction: Double

  /// The Standard Webhooks schedule.
  public static let standardDelays: [TimeInterval] = [
    0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400,
  ]

  /// The Standard Webhooks schedule with 10 % jitter.
  public static let standard = NotificationRetrySchedule(delays: standardDelays)

  /// Creates a schedule; an empty list means one immediate attempt; negative waits count as 0.
  public init(delays: [TimeInterval], jitterFraction: Double = 0.1) {
    let cleaned = delays.map { max(0, $0) }
    self.delays = cleaned.isEmpty ? [0] : cleaned
    self.jitterFraction = min(max(0, jitterFraction), 1)
  }

  /// How many attempts there are in all.
  public var maximumAttempts: Int { delays.count }

  /// The wait after `attemptsMade` failed attempts, with `unitRandom` in [0, 1) choosing the jitter;
  /// nil when the attempts are used up.
  public func delay(afterAttempts attemptsMade: Int, unitRandom: Double) -> TimeInterval? {
    guard attemptsMade >= 0, attemptsMade < delays.count else { return nil }
    let base = delays[attemptsMade]
    let unit = min(max(0, unitRandom), 1)
    return base + base * jitterFraction * unit
  }
}
