public import Foundation

/// A notification about to enter the outbox: one recipient, one kind, its data and its digest key.
public struct NotificationDraft: Sendable, Hashable {
  /// The recipient's user id.
  public var recipient: String
  /// What it is about.
  public var kind: NotificationKind
  /// The candidate, when there is one.
  public var candidateID: Int64?
  /// The vacancy, when one is involved.
  public var vacancyID: Int64?
  /// The `data` object.
  public var data: NotificationData
  /// Notifications with the same key within the digest window coalesce; nil = never coalesced.
  public var digestKey: String?
  /// The digest window in seconds.
  public var digestWindow: TimeInterval
  /// When it was made (the producer's clock).
  public var createdAt: Date

  /// Creates a draft.
  public init(
    recipient: String, kind: NotificationKind, candidateID: Int64?, vacancyID: Int64?,
    data: NotificationData, digestKey: String?, digestWindow: TimeInterval, createdAt: Date
  ) {
    self.recipient = recipient
    self.kind = kind
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.data = data
    self.digestKey = digestKey
    self.digestWindow = digestWindow
    self.createdAt = createdAt
  }
}
