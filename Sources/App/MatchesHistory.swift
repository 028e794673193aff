public import Domain
import Foundation
public import Storage

/// A candidate's score history for the explanation: every score ever stored, per vacancy oldest first, so
/// the explanation can show how each score moved and why.
public enum MatchesHistory {
  /// One stored score.
  public struct Entry: Sendable, Hashable, Codable {
    /// The vacancy.
    public var vacancyID: Int64
    /// The score, 0–100.
    public var score: Int
    /// Per-feature points and sentences.
    public var contributions: [MatchContribution]
    /// The model that produced it.
    public var modelVersion: String
    /// What caused it (`change:42`, `vacancy:7@3`, `rematch:all`).
    public var trigger: String
    /// When it was computed (RFC 3339).
    public var scoredAt: String
    /// Whether it is the current score (false: superseded, kept as history).
    public var isCurrent: Bool

    private enum CodingKeys: String, CodingKey {
      case vacancyID = "vacancy_id"
      case score, contributions, trigger
      case modelVersion = "model_version"
      case scoredAt = "scored_at"
      case isCurrent = "is_current"
    }
  }

  /// The candidate's scores, by vacancy then time, read from one snapshot.
  public static func entries(candidateID: Int64, in connection: Connection) throws -> [Entry] {
    try connection.transaction {
      var explainer = ScoreExplainer(connection: connection)
      return try ScoreStore.history(candidateID: candidateID, in: connection).map { row in
        Entry(
          vacancyID: row.vacancyID, score: row.score,
          contributions: try explainer.contributions(of: row),
          modelVersion: row.modelVersion, trigger: row.trigger,
          scoredAt: row.scoredAt.formatted(.iso8601), isCurrent: row.isCurrent)
      }
    }
  }
}
