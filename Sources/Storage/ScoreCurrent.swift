/// The current stored score of one pair, as much as the re-matcher needs to decide whether a new score
/// changed: the total, the model version and (when asked for) the contributions JSON.
public struct ScoreCurrent: Sendable, Hashable {
  /// The stored total.
  public var score: Int
  /// The model that produced it.
  public var modelVersion: String
  /// The contributions JSON, when the query asked for it.
  public var contributions: String?

  /// Creates a current score.
  public init(score: Int, modelVersion: String, contributions: String? = nil) {
    self.score = score
    self.modelVersion = modelVersion
    self.contributions = contributions
  }
}
