public import Foundation

/// A new score for one candidate × vacancy, to be stored as the pair's current score.
public struct ScoreWrite: Sendable, Hashable {
  /// The candidate scored.
  public var candidateID: Int64
  /// The vacancy scored against.
  public var vacancyID: Int64
  /// The total, 0–100.
  public var score: Int
  /// The per-feature contributions as JSON.
  public var contributions: String
  /// The scoring model.
  public var modelVersion: String
  /// What caused it (`change:42`, `vacancy:7@3`, `rematch`).
  public var trigger: String
  /// When it was computed.
  public var scoredAt: Date

  /// Creates a score to write.
  public init(
    candidateID: Int64, vacancyID: Int64, score: Int, contributions: String, modelVersion: String,
    trigger: String, scoredAt: Date
  ) {
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.score = score
    self.contributions = contributions
    self.modelVersion = modelVersion
    self.trigger = trigger
    self.scoredAt = scoredAt
  }
}
