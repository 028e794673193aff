public import Domain

/// One page of `GET /api/v1/vacancies/{id}/matches`: everyone scored, by score descending then candidate
/// id, each with the breakdown; `next_after` continues the list. There is no threshold parameter.
public struct MatchesPage: Sendable, Hashable, Codable {
  /// One candidate's current score for the vacancy.
  public struct Entry: Sendable, Hashable, Codable {
    /// The candidate's id.
    public var candidateID: Int64
    /// The score, 0–100 (the sum of the contributions).
    public var score: Int
    /// Per-feature points and sentences.
    public var contributions: [MatchContribution]
    /// The model that produced it.
    public var modelVersion: String
    /// What caused it.
    public var trigger: String
    /// When it was computed (RFC 3339).
    public var scoredAt: String
    /// True when the vacancy's AI scoring is off: still readable, no longer refreshed.
    public var isStopped: Bool

    private enum CodingKeys: String, CodingKey {
      case candidateID = "candidate_id"
      case score, contributions, trigger
      case modelVersion = "model_version"
      case scoredAt = "scored_at"
      case isStopped = "is_stopped"
    }
  }

  /// The vacancy.
  public var vacancyID: Int64
  /// Whether the vacancy's AI scoring is off.
  public var scoringStopped: Bool
  /// How many candidates have a current score for the vacancy (all of them are listed, page by page).
  public var total: Int
  /// This page.
  public var matches: [Entry]
  /// The `after` value for the next page; nil on the last page.
  public var nextAfter: String?

  private enum CodingKeys: String, CodingKey {
    case vacancyID = "vacancy_id"
    case scoringStopped = "scoring_stopped"
    case total, matches
    case nextAfter = "next_after"
  }
}
