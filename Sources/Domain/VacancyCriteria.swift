/// What a vacancy asks for: the criteria the matcher scores a candidate against, as a recruiter wrote them.
///
/// Skills and titles are kept as written (for explanation sentences); `FeatureBuilder` normalises them.
public struct VacancyCriteria: Sendable, Hashable, Codable {
  /// Job titles that fit the role (`"Backend Engineer"`, `"Software Engineer"`); empty accepts any title.
  public var titles: [String]
  /// Skills a candidate must have; each one counts equally. Empty asks for none.
  public var requiredSkills: [String]
  /// Skills that are nice to have; weigh less than required ones. Empty asks for none.
  public var preferredSkills: [String]
  /// Accepted places (`"Amsterdam"`, `"Netherlands"`, `"Berlin, Germany"`); empty accepts anywhere.
  public var locations: [String]
  /// Whether someone outside `locations` can do the job remotely.
  public var remoteAllowed: Bool
  /// Minimum years of relevant experience (positions whose titles share words with `titles`); 0 for none.
  public var minimumYears: Int
  /// The accepted seniority levels, inclusive; nil accepts any level.
  public var seniority: ClosedRange<Seniority>?

  /// Creates criteria; `FeatureBuilder` validates them (no negative years, no empty skills).
  public init(
    titles: [String] = [], requiredSkills: [String] = [], preferredSkills: [String] = [],
    locations: [String] = [], remoteAllowed: Bool = false, minimumYears: Int = 0,
    seniority: ClosedRange<Seniority>? = nil
  ) {
    self.titles = titles
    self.requiredSkills = requiredSkills
    self.preferredSkills = preferredSkills
    self.locations = locations
    self.remoteAllowed = remoteAllowed
    self.minimumYears = minimumYears
    self.seniority = seniority
  }
}
