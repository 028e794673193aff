/// A match score in a notification: the new score, the previous one, and its breakdown (advisory only).
public struct NotificationScore: Sendable, Hashable, Codable {
  /// One feature's part of the score.
  public struct Part: Sendable, Hashable, Codable {
    /// The feature (`skills`, `title`, `seniority`, ...).
    public var feature: String
    /// Points this feature contributed.
    public var points: Double

    /// Creates a part.
    public init(feature: String, points: Double) {
      self.feature = feature
      self.points = points
    }
  }

  /// The new score, 0–100.
  public var score: Int
  /// The previous score; nil on a first scoring.
  public var previous: Int?
  /// Why it was raised (`crossed_threshold`, `moved_by_delta`).
  public var reason: String
  /// The breakdown, largest contribution first.
  public var breakdown: [Part]

  /// Creates a score.
  public init(score: Int, previous: Int?, reason: String, breakdown: [Part]) {
    self.score = score
    self.previous = previous
    self.reason = reason
    self.breakdown = breakdown
  }
}
