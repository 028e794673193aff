public import Foundation

/// The Standard Webhooks sender rules as a pure decision: only 2xx is success, 3xx is a failure, 410
/// disables the channel, 429/502/503/504 honour `Retry-After`, other failures follow the retry schedule,
/// and after the last attempt the delivery is dead.
public struct NotificationDeliveryPolicy: Sendable, Hashable {
  /// The retry schedule.
  public var schedule: NotificationRetrySchedule
  /// The per-request timeout (15 s).
  public var timeout: Duration
  /// The longest `Retry-After` honoured; longer ones are clamped (a day).
  public var maximumRetryAfter: TimeInterval

  /// The statuses whose `Retry-After` is honoured.
  public static let throttlingStatuses: Set<Int> = [429, 502, 503, 504]

  /// Creates a policy.
  public init(
    schedule: NotificationRetrySchedule = .standard, timeout: Duration = .seconds(15),
    maximumRetryAfter: TimeInterval = 86_400
  ) {
    self.schedule = schedule
    self.timeout = timeout
    self.maximumRetryAfter = maximumRetryAfter
  }

  /// The first attempt's time for a notification due at `sendAt`.
  public func firstAttempt(sendAt: Date) -> Date {
    sendAt.addingTimeInterval(schedule.delays[0])
  }

  /// The decision after attempt number `attemptsMade` (1 for the first) came back with `result` at `now`.
  ///
  /// A throttling status waits at least its `Retry-After` (and at least the schedule's wait).
  public func decide(
    _ result: NotificationAttemptResult, attemptsMade: Int, now: Date, unitRandom: Double
  ) -> NotificationDeliveryDecision {
    var retryAfter: TimeInterval?
    switch result {
    case .status(let status, let after):
      if (200..<300).contains(status) { return .delivered }
      if status == 410 { return .disableChannel }
      if Self.throttlingStatuses.contains(status), let after {
        retryAfter = min(max(0, after), maximumRetryAfter)
      }
    case .transportFailure:
      break
    case .refused:
      return .dead
    }
    guard let wait = schedule.delay(afterAttempts: attemptsMade, unitRandom: unitRandom) else {
      return .dead
    }
    return .retry(at: now.addingTimeInterval(max(wait, retryAfter ?? 0)))
  }
}
