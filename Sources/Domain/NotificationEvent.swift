public import Foundation

/// Something a producer (the refresh executor, the matcher) wants recruiters to hear about.
///
/// Producers build one per change event or match event and hand it, with the pipeline's owners, to
/// `NotificationPolicy`; the resulting drafts go to the outbox in the producer's own transaction.
public struct NotificationEvent: Sendable, Hashable {
  /// What happened.
  public var kind: NotificationKind
  /// The candidate (the internal id), when there is one.
  public var candidateID: Int64?
  /// The vacancy, for score events and pipeline-scoped changes.
  public var vacancyID: Int64?
  /// One line for a human, without contact data (`Senior engineer at Acme → Staff engineer at Initech`).
  public var summary: String
  /// What changed, before → after.
  public var changes: [NotificationChange]
  /// For score events: the score and its breakdown.
  public var score: NotificationScore?
  /// When the provider saw the change (or the matcher scored); the webhook `timestamp`.
  public var observedAt: Date

  /// Creates an event.
  public init(
    kind: NotificationKind, candidateID: Int64?, vacancyID: Int64? = nil, summary: String,
    changes: [NotificationChange] = [], score: NotificationScore? = nil, observedAt: Date
  ) {
    self.kind = kind
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.summary = summary
    self.changes = changes
    self.score = score
    self.observedAt = observedAt
  }
}
