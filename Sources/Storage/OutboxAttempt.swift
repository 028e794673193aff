public import Domain
public import Foundation

/// One finished attempt of a delivery and the policy's decision about it.
public struct OutboxAttempt: Sendable, Hashable {
  /// The delivery row id.
  public var deliveryID: Int64
  /// When the attempt started.
  public var attemptedAt: Date
  /// The HTTP status (or SMTP reply code); nil when there was no answer.
  public var statusCode: Int?
  /// How long it took, in milliseconds.
  public var latencyMilliseconds: Int
  /// What went wrong, in words without secrets or personal data; nil on success.
  public var error: String?
  /// What happens next.
  public var decision: NotificationDeliveryDecision

  /// Creates an attempt record.
  public init(
    deliveryID: Int64, attemptedAt: Date, statusCode: Int?, latencyMilliseconds: Int,
    error: String?,
    decision: NotificationDeliveryDecision
  ) {
    self.deliveryID = deliveryID
    self.attemptedAt = attemptedAt
    self.statusCode = statusCode
    self.latencyMilliseconds = latencyMilliseconds
    self.error = error
    self.decision = decision
  }
}
