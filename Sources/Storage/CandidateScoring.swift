public import Foundation

/// What one scoring run wrote for one candidate: the scores that changed (sorted by vacancy id), the run's
/// trigger, model and time, the feature snapshot they were computed from, and the candidate's current scores
/// before the run (which the new ones are merged into). `ScoreStore.record` writes it as one `match_log` row.
public struct CandidateScoring: Sendable, Hashable {
  /// The candidate.
  public var candidateID: Int64
  /// The run's trigger (`change:42,43`, `rematch:all`, `vacancy`).
  public var trigger: String
  /// The scoring model.
  public var modelVersion: String
  /// When the scores were computed.
  public var scoredAt: Date
  /// The feature snapshot the scores were computed from (nil: none kept); it is also the candidate's cached
  /// features until the profile changes.
  public var snapshotID: Int64?
  /// Whether `snapshotID` was taken in this run (so it is recorded as the cache even without writes).
  public var isNewSnapshot: Bool
  /// The changed scores, sorted by vacancy id.
  public var writes: [ScoreWrite]
  /// The candidate's current scores before this run.
  public var current: CurrentScores

  /// Creates a candidate's scoring.
  public init(
    candidateID: Int64, trigger: String, modelVersion: String, scoredAt: Date, snapshotID: Int64?,
    isNewSnapshot: Bool = false, writes: [ScoreWrite], current: CurrentScores
  ) {
    self.isNewSnapshot = isNewSnapshot
    self.candidateID = candidateID
    self.trigger = trigger
    self.modelVersion = modelVersion
    self.scoredAt = scoredAt
    self.snapshotID = snapshotID
    self.writes = writes
    self.current = current
  }
}
