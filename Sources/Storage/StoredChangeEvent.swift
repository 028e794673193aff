public import Domain
public import Foundation

/// One row of `change_events`.
public struct StoredChangeEvent: Sendable, Hashable {
  /// Row id.
  public var id: Int64
  /// The candidate that changed.
  public var candidateID: Int64
  /// The refresh that found it; nil when the item was deleted.
  public var planItemID: Int64?
  /// What changed, before and after.
  public var event: ChangeEvent
  /// When the change was detected (the refresh's time).
  public var detectedAt: Date
  /// When the re-matcher consumed it; nil until then.
  public var matchedAt: Date?
  /// When the notifier consumed it; nil until then.
  public var notifiedAt: Date?

  /// Creates a row value.
  public init(
    id: Int64, candidateID: Int64, planItemID: Int64?, event: ChangeEvent, detectedAt: Date,
    matchedAt: Date?, notifiedAt: Date?
  ) {
    self.id = id
    self.candidateID = candidateID
    self.planItemID = planItemID
    self.event = event
    self.detectedAt = detectedAt
    self.matchedAt = matchedAt
    self.notifiedAt = notifiedAt
  }
}
