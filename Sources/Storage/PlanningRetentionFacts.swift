public import Foundation

/// The retention clocks of one candidate, read with the planning input so the caller's retention rule can
/// date the purge (the planner never refreshes a record about to be deleted).
public struct PlanningRetentionFacts: Sendable, Hashable {
  /// The candidate.
  public var candidateID: Int64
  /// When the record was sourced (the human-confirmed add); nil when unknown.
  public var sourcedAt: Date?
  /// When the candidate was first contacted; nil when never.
  public var contactedAt: Date?
  /// When the GDPR Art. 14 notice was sent; nil when never.
  public var art14NoticeSentAt: Date?

  /// Creates the facts.
  public init(candidateID: Int64, sourcedAt: Date?, contactedAt: Date?, art14NoticeSentAt: Date?) {
    self.candidateID = candidateID
    self.sourcedAt = sourcedAt
    self.contactedAt = contactedAt
    self.art14NoticeSentAt = art14NoticeSentAt
  }
}
