public import Foundation

/// One row of `plan_items`: a refresh of one candidate on its way planned → in_flight → done | failed.
public struct StoredPlanItem: Sendable, Hashable {
  /// The item's state.
  public enum State: String, Sendable, Hashable, CaseIterable {
    /// Waiting to be executed.
    case planned
    /// Claimed by a run; the provider may have been called.
    case inFlight = "in_flight"
    /// The record was refreshed (or found refreshed by another path).
    case done
    /// Failed for good; a `refresh.failed` change event says so.
    case failed
  }

  /// Row id.
  public var id: Int64
  /// The candidate to refresh.
  public var candidateID: Int64
  /// Current state.
  public var state: State
  /// Tier at planning time (`active`, `pipeline`, `dormant`).
  public var tier: String
  /// Service order: lower first.
  public var priority: Int
  /// The planner's reason code.
  public var reasonCode: String
  /// The planner's reason sentence.
  public var reason: String
  /// The signals the refresh settles.
  public var signalIDs: [Int64]
  /// When it was planned.
  public var plannedAt: Date
  /// When the current attempt was claimed; nil while planned for the first time.
  public var startedAt: Date?
  /// When it reached done or failed.
  public var finishedAt: Date?
  /// Attempts claimed so far.
  public var attempts: Int
  /// The last error kind, never a payload.
  public var error: String?

  /// Creates a row value.
  public init(
    id: Int64, candidateID: Int64, state: State, tier: String, priority: Int, reasonCode: String,
    reason: String, signalIDs: [Int64], plannedAt: Date, startedAt: Date?, finishedAt: Date?,
    attempts: Int, error: String?
  ) {
    self.id = id
    self.candidateID = candidateID
    self.state = state
    self.tier = tier
    self.priority = priority
    self.reasonCode = reasonCode
    self.reason = reason
    self.signalIDs = signalIDs
    self.plannedAt = plannedAt
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.attempts = attempts
    self.error = error
  }
}
