/// An advisory score of one candidate for one vacancy: a total of 0–100 that is exactly the sum of its
/// per-feature contributions, and the model version that produced it. Never a decision: it is shown to a
/// human, stored with its breakdown, and never filters anyone out.
public struct MatchScore: Sendable, Hashable, Codable {
  /// The candidate scored.
  public let candidateID: String
  /// The vacancy scored against.
  public let vacancyID: String
  /// The scoring model (`Matcher.modelVersion`), so stored scores can be explained and compared.
  public let modelVersion: String
  /// The score, 0–100; always `contributions.map(\.points).reduce(0, +)`.
  public let total: Int
  /// One entry per feature, in `MatchFeature.allCases` order.
  public let contributions: [MatchContribution]

  /// Recreates a score (as stored); refuses parts that are out of range, do not add up to the total, or
  /// whose total is not `0...100`.
  public init(
    candidateID: String, vacancyID: String, modelVersion: String, contributions: [MatchContribution]
  ) throws(MatchError) {
    for part in contributions {
      guard part.maxPoints >= 0, (0...part.maxPoints).contains(part.points) else {
        throw .inconsistentScore("\(part.feature.rawValue): \(part.points) of \(part.maxPoints)")
      }
    }
    let total = contributions.reduce(0) { $0 + $1.points }
    guard (0...100).contains(total) else {
      throw .inconsistentScore("total \(total) outside 0...100")
    }
    self.init(
      validated: candidateID, vacancyID: vacancyID, modelVersion: modelVersion, total: total,
      contributions: contributions)
  }

  /// Creates a score the matcher has just computed (the total is the sum by construction).
  init(
    validated candidateID: String, vacancyID: String, modelVersion: String, total: Int,
    contributions: [MatchContribution]
  ) {
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.modelVersion = modelVersion
    self.total = total
    self.contributions = contributions
  }

  private enum CodingKeys: String, CodingKey {
    case candidateID = "candidate_id"
    case vacancyID = "vacancy_id"
    case modelVersion = "model_version"
    case total, contributions
  }

  /// Decodes a stored score, checking that the contributions add up to the stored total.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let stored = try container.decode(Int.self, forKey: .total)
    try self.init(
      candidateID: container.decode(String.self, forKey: .candidateID),
      vacancyID: container.decode(String.self, forKey: .vacancyID),
      modelVersion: container.decode(String.self, forKey: .modelVersion),
      contributions: container.decode([MatchContribution].self, forKey: .contributions))
    guard total == stored else {
      throw MatchError.inconsistentScore("stored total \(stored) is not the sum \(total)")
    }
  }
}
