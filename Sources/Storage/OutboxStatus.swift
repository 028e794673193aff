/// Where a notification (or one of its deliveries) stands.
public enum OutboxStatus: String, Sendable, Hashable, CaseIterable {
  /// Waiting for its first attempt (or its send time).
  case pending
  /// Claimed by the dispatcher, or waiting for a retry after a failed attempt.
  case delivering
  /// Every external channel took it (or it is feed-only).
  case delivered
  /// Attempts used up or refused; kept with its attempts log until redriven.
  case dead
}
