public import Foundation

/// A claimed delivery: one notification to one channel, with what the channel needs to render it.
public struct OutboxDelivery: Sendable, Hashable {
  /// The delivery row id.
  public var id: Int64
  /// The notification id (the `webhook-id`, the same on every attempt).
  public var notificationID: String
  /// The channel id.
  public var channelID: String
  /// The recipient's user id.
  public var recipient: String
  /// The event type (`candidate.job_changed`, ...).
  public var kind: String
  /// A one-line summary.
  public var summary: String
  /// The `data` object as JSON text.
  public var data: String
  /// Attempts made before this one.
  public var attempts: Int
  /// When the notification was made.
  public var createdAt: Date

  /// Creates a delivery.
  public init(
    id: Int64, notificationID: String, channelID: String, recipient: String, kind: String,
    summary: String, data: String, attempts: Int, createdAt: Date
  ) {
    self.id = id
    self.notificationID = notificationID
    self.channelID = channelID
    self.recipient = recipient
    self.kind = kind
    self.summary = summary
    self.data = data
    self.attempts = attempts
    self.createdAt = createdAt
  }
}
