/// What one feature added to a score, with a short English sentence a recruiter can check.
public struct MatchContribution: Sendable, Hashable, Codable {
  /// Which feature this is (`required_skills`, `title`, ...).
  public var feature: MatchFeature
  /// Points given, `0...maxPoints`.
  public var points: Int
  /// The most this feature could give.
  public var maxPoints: Int
  /// Why, in one sentence (`"3 of 4 required skills: Swift, SQL, Linux; missing Go"`).
  public var sentence: String

  /// Creates a contribution.
  public init(feature: MatchFeature, points: Int, maxPoints: Int, sentence: String) {
    self.feature = feature
    self.points = points
    self.maxPoints = maxPoints
    self.sentence = sentence
  }

  private enum CodingKeys: String, CodingKey {
    case feature, points, sentence
    case maxPoints = "max_points"
  }
}
