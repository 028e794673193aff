public import Domain
public import Foundation

/// One stored advisory score (current or history), as `ScoreStore` reads it back: the total and its
/// per-feature points, the model version, what triggered it and when, and what is needed to re-explain it
/// (the criteria version scored against and the candidate's feature snapshot).
public struct StoredScore: Sendable, Hashable {
  /// The `match_log` row the score was written in.
  public var logID: Int64
  /// The candidate scored.
  public var candidateID: Int64
  /// The vacancy scored against.
  public var vacancyID: Int64
  /// The total, 0–100 (the sum of `points`, except for migrated scores of other shapes).
  public var score: Int
  /// The points per feature.
  public var points: MatchPoints
  /// The scoring model that produced it.
  public var modelVersion: String
  /// What caused the rescoring (`change:42`, `vacancy:7@3`, `rematch:all`).
  public var trigger: String
  /// When it was computed.
  public var scoredAt: Date
  /// Whether this is the pair's current score (false: kept as history).
  public var isCurrent: Bool
  /// The vacancy's criteria version it was scored against (0 for scores migrated from the old layout).
  public var criteriaVersion: Int64
  /// The candidate's feature snapshot it was scored from; nil for migrated scores.
  public var snapshotID: Int64?
  /// For scores migrated from the old layout: the contributions JSON as it was stored, sentences included.
  public var legacyContributions: String?

  /// Creates a stored score.
  public init(
    logID: Int64, candidateID: Int64, vacancyID: Int64, score: Int, points: MatchPoints,
    modelVersion: String, trigger: String, scoredAt: Date, isCurrent: Bool, criteriaVersion: Int64,
    snapshotID: Int64?, legacyContributions: String? = nil
  ) {
    self.logID = logID
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.score = score
    self.points = points
    self.modelVersion = modelVersion
    self.trigger = trigger
    self.scoredAt = scoredAt
    self.isCurrent = isCurrent
    self.criteriaVersion = criteriaVersion
    self.snapshotID = snapshotID
    self.legacyContributions = legacyContributions
  }
}
