/// One row of a vacancy's match list: a stored score and whether it was computed before the vacancy's
/// owner stopped AI scoring (still readable, but no longer refreshed).
public struct MatchListEntry: Sendable, Hashable, Codable {
  /// The stored score with its breakdown.
  public var score: MatchScore
  /// True when the vacancy's AI scoring is off: the score is kept for reading and marked as stopped.
  public var isStopped: Bool

  /// Creates an entry.
  public init(score: MatchScore, isStopped: Bool) {
    self.score = score
    self.isStopped = isStopped
  }

  private enum CodingKeys: String, CodingKey {
    case score
    case isStopped = "is_stopped"
  }
}
