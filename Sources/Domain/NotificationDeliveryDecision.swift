public import Foundation

/// What happens to a delivery after an attempt.
public enum NotificationDeliveryDecision: Sendable, Hashable {
  /// Done: the receiver took it (2xx).
  case delivered
  /// Try again at the given time.
  case retry(at: Date)
  /// Attempts are used up (or the target was refused): dead-lettered with its attempts log.
  case dead
  /// The receiver answered 410 Gone: disable the channel and tell the recruiter through the feed.
  case disableChannel
}
