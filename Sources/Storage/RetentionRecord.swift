public import Foundation

/// The retention-relevant facts of one candidate, as read for the retention job (no personal data).
public struct RetentionRecord: Sendable, Hashable {
  /// The candidate id.
  public var candidateID: Int64
  /// When the row was created (the retention clock when `sourcedAt` is absent).
  public var createdAt: Date
  /// When the person was sourced.
  public var sourcedAt: Date?
  /// When the person was first contacted.
  public var contactedAt: Date?
  /// When the Art. 14 notice was sent.
  public var art14NoticeSentAt: Date?
  /// Whether contact data is held.
  public var hasContactData: Bool

  /// Creates a record.
  public init(
    candidateID: Int64, createdAt: Date, sourcedAt: Date?, contactedAt: Date?,
    art14NoticeSentAt: Date?, hasContactData: Bool
  ) {
    self.candidateID = candidateID
    self.createdAt = createdAt
    self.sourcedAt = sourcedAt
    self.contactedAt = contactedAt
    self.art14NoticeSentAt = art14NoticeSentAt
    self.hasContactData = hasContactData
  }
}
