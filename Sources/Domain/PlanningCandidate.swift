public import Foundation

/// What the planner needs to know about one candidate's record; the database feeds only those that can be due.
public struct PlanningCandidate: Sendable, Hashable, Codable {
  /// One pipeline the candidate is in.
  public struct Membership: Sendable, Hashable, Codable {
    /// Whether the pipeline's vacancy is open.
    public var vacancyOpen: Bool
    /// The last recruiter activity on this candidate in this pipeline (stage change, note); nil when none.
    public var lastActivityAt: Date?

    /// Creates a membership.
    public init(vacancyOpen: Bool, lastActivityAt: Date?) {
      self.vacancyOpen = vacancyOpen
      self.lastActivityAt = lastActivityAt
    }
  }

  /// The candidate's id in the database.
  public var id: Int64
  /// The provider's freshness time of the data we hold (`last_verified_at`); signals are compared with it.
  public var lastVerifiedAt: Date?
  /// When we last fetched the record (`enriched_at`). The staleness timer runs from the later of this and
  /// `lastVerifiedAt`: re-pulling a record whose provider data is old but which we fetched yesterday buys
  /// the same old data again, so the timer waits for the tier's limit after our own fetch too.
  public var lastFetchedAt: Date?
  /// When the retention rules will purge the record; nil when no purge is scheduled.
  public var retentionPurgeAt: Date?
  /// The pipelines the candidate is in.
  public var memberships: [Membership]

  /// Creates a planning candidate.
  public init(
    id: Int64, lastVerifiedAt: Date?, lastFetchedAt: Date? = nil, retentionPurgeAt: Date? = nil,
    memberships: [Membership] = []
  ) {
    self.id = id
    self.lastVerifiedAt = lastVerifiedAt
    self.lastFetchedAt = lastFetchedAt
    self.retentionPurgeAt = retentionPurgeAt
    self.memberships = memberships
  }
}
