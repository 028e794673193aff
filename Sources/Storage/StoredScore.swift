public import Foundation

/// One row of `match_scores`: an advisory score with its breakdown (contributions JSON as stored), the
/// model version, what triggered it and when. `isCurrent` is false for history rows.
public struct StoredScore: Sendable, Hashable {
  /// Row id.
  public var id: Int64
  /// The candidate scored.
  public var candidateID: Int64
  /// The vacancy scored against.
  public var vacancyID: Int64
  /// The total, 0–100.
  public var score: Int
  /// The per-feature contributions, as JSON (`[MatchContribution]`).
  public var contributions: String
  /// The scoring model that produced it.
  public var modelVersion: String
  /// What caused the rescoring (`change:42`, `vacancy:7@3`, `rematch`).
  public var trigger: String
  /// When it was computed.
  public var scoredAt: Date
  /// Whether this is the pair's current score (false: kept as history).
  public var isCurrent: Bool

  /// Creates a stored score.
  public init(
    id: Int64, candidateID: Int64, vacancyID: Int64, score: Int, contributions: String,
    modelVersion: String, trigger: String, scoredAt: Date, isCurrent: Bool
  ) {
    self.id = id
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.score = score
    self.contributions = contributions
    self.modelVersion = modelVersion
    self.trigger = trigger
    self.scoredAt = scoredAt
    self.isCurrent = isCurrent
  }

  /// The columns `init(row:)` reads, in order.
  static let columns =
    "id, candidate_id, vacancy_id, score, contributions, model_version, trigger, scored_at, is_current"

  /// Reads a row selected with `columns`.
  init(row: Row) throws(StorageError) {
    guard let id = row.int(0), let candidate = row.int(1), let vacancy = row.int(2),
      let score = row.int(3), let contributions = row.text(4), let model = row.text(5),
      let trigger = row.text(6), let scoredAt = row.date(7), let current = row.bool(8)
    else { throw StorageError(code: 1, message: "match_scores: unreadable row") }
    self.init(
      id: id, candidateID: candidate, vacancyID: vacancy, score: Int(score),
      contributions: contributions, modelVersion: model, trigger: trigger, scoredAt: scoredAt,
      isCurrent: current)
  }
}
