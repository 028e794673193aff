public import Foundation

/// A stored notification as the feed and the CLI show it.
public struct OutboxNotification: Sendable, Hashable {
  /// The stable id (`ntf_...`).
  public var id: String
  /// The recipient's user id.
  public var recipient: String
  /// The candidate, when there is one.
  public var candidateID: Int64?
  /// The vacancy, when one is involved.
  public var vacancyID: Int64?
  /// The event type.
  public var kind: String
  /// A one-line summary.
  public var summary: String
  /// The `data` object as JSON text.
  public var data: String
  /// Where it stands.
  public var status: OutboxStatus
  /// When it was made.
  public var createdAt: Date
  /// When it is (or was) due.
  public var sendAt: Date
  /// When the recipient marked it read.
  public var readAt: Date?

  /// Creates a notification record.
  public init(
    id: String, recipient: String, candidateID: Int64?, vacancyID: Int64?, kind: String,
    summary: String, data: String, status: OutboxStatus, createdAt: Date, sendAt: Date,
    readAt: Date?
  ) {
    self.id = id
    self.recipient = recipient
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.kind = kind
    self.summary = summary
    self.data = data
    self.status = status
    self.createdAt = createdAt
    self.sendAt = sendAt
    self.readAt = readAt
  }
}
