public import Foundation

/// What one delivery attempt came back with, as the delivery policy needs it.
public enum NotificationAttemptResult: Sendable, Hashable {
  /// The receiver answered with an HTTP status (or an SMTP reply mapped to one); `retryAfter` is the
  /// parsed `Retry-After` in seconds, when there was one.
  case status(Int, retryAfter: TimeInterval?)
  /// No answer: connect failure, timeout, lost connection, DNS failure (worth retrying).
  case transportFailure
  /// Refused before sending: the target is not allowed (SSRF guard) or the channel is misconfigured.
  case refused
}
