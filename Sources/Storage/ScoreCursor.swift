/// A position in a vacancy's match list (ordered by score descending, then candidate id ascending): the
/// last entry of the previous page. Written as `SCORE.CANDIDATE` in the `after` query parameter.
public struct ScoreCursor: Sendable, Hashable, CustomStringConvertible {
  /// The last entry's score.
  public var score: Int
  /// The last entry's candidate id.
  public var candidateID: Int64

  /// Creates a cursor.
  public init(score: Int, candidateID: Int64) {
    self.score = score
    self.candidateID = candidateID
  }

  /// Parses `SCORE.CANDIDATE`; nil when malformed.
  public init?(_ text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let score = Int(parts[0]), (0...100).contains(score),
      let candidate = Int64(parts[1])
    else { return nil }
    self.init(score: score, candidateID: candidate)
  }

  /// `SCORE.CANDIDATE`.
  public var description: String { "\(score).\(candidateID)" }
}
