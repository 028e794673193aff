/// The features a score is made of, each with a fixed maximum of points (the weights of `tw-match-1`).
///
/// Weights, out of 100: required skills 40 (the hard requirements recruiters name first), title 15 and
/// seniority 5 (the suggested 20 for title, split so that level and role are explained apart), relevant
/// experience 15, location 15, preferred skills 5, open to work 5 (a signal of availability, not of fit).
/// A criterion the vacancy leaves empty gives its full points to everyone, so it neither helps nor hurts.
/// Changing a weight is a new model version.
public enum MatchFeature: String, Sendable, Hashable, Codable, CaseIterable {
  /// Share of the required skills the candidate has.
  case requiredSkills = "required_skills"
  /// Best word overlap between the current title and one of the vacancy's titles.
  case title
  /// Whether the candidate's seniority falls in the vacancy's band.
  case seniority
  /// Relevant years of experience against the minimum asked.
  case experience
  /// Whether the candidate lives in an accepted location, or remote work is allowed.
  case location
  /// Share of the preferred skills the candidate has.
  case preferredSkills = "preferred_skills"
  /// Whether the candidate shows an open-to-work signal.
  case openToWork = "open_to_work"

  /// The most points this feature can give; all of them add up to 100.
  public var maxPoints: Int {
    switch self {
    case .requiredSkills: 40
    case .title: 15
    case .seniority: 5
    case .experience: 15
    case .location: 15
    case .preferredSkills: 5
    case .openToWork: 5
    }
  }
}
