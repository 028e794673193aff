/// A vacancy's criteria as the scoring kernel sees them: interned ids and per-vacancy lookup tables, so the
/// kernel does one load per candidate id, with the names as the recruiter wrote them for sentences.
///
/// There is no public initialiser: only `FeatureBuilder.features(for:)` makes these, and it refuses a
/// vacancy whose AI scoring is off, so no fresh score can be computed for a stopped vacancy.
public struct VacancyFeatures: Sendable, Hashable {
  /// Bit in `skillFlags` for a required skill.
  static let requiredFlag: UInt8 = 1
  /// Bit in `skillFlags` for a preferred skill.
  static let preferredFlag: UInt8 = 2

  /// The vacancy's id, carried into scores.
  public let vacancyID: String
  /// Required skills: distinct ids in the order written.
  let requiredSkills: [Int32]
  /// Display names of `requiredSkills`, index for index.
  let requiredNames: [String]
  /// Preferred skills: distinct ids in the order written.
  let preferredSkills: [Int32]
  /// Display names of `preferredSkills`, index for index.
  let preferredNames: [String]
  /// Skill id → `requiredFlag | preferredFlag` bits, for ids up to the largest the vacancy names.
  let skillFlags: [UInt8]
  /// Points for 0, 1, ... all required skills matched (the share of 40, rounded down).
  let requiredPoints: [UInt8]
  /// Points for 0, 1, ... all preferred skills matched (the share of 5, rounded down).
  let preferredPoints: [UInt8]
  /// Role words of each accepted title (sorted, distinct ids); titles without role words are left out.
  let titles: [[Int32]]
  /// Display names of `titles`, index for index.
  let titleNames: [String]
  /// Counts a candidate's title words per accepted title; also says whether a word is in any title.
  let titleLanes: FeatureLanes
  /// Accepted locations, each the sorted ids of its comma-separated parts (all must match).
  let locations: [[Int32]]
  /// Display names of `locations`, index for index.
  let locationNames: [String]
  /// Counts a candidate's location keys per accepted location.
  let locationLanes: FeatureLanes
  /// Whether remote work is allowed.
  let remoteAllowed: Bool
  /// Minimum relevant experience in months (0 for none).
  let minimumMonths: Int32
  /// Accepted seniority band, nil for any.
  let seniority: ClosedRange<Seniority>?

  /// Assembles features and their tables from the interned criteria.
  init(
    vacancyID: String, required: [Int32], requiredNames: [String], preferred: [Int32],
    preferredNames: [String], titles: [[Int32]], titleNames: [String], locations: [[Int32]],
    locationNames: [String], remoteAllowed: Bool, minimumMonths: Int32,
    seniority: ClosedRange<Seniority>?
  ) {
    self.vacancyID = vacancyID
    requiredSkills = required
    self.requiredNames = requiredNames
    preferredSkills = preferred
    self.preferredNames = preferredNames
    let largest = (required + preferred).max().map { Int($0) } ?? -1
    var flags = [UInt8](repeating: 0, count: largest + 1)
    for id in required { flags[Int(id)] |= Self.requiredFlag }
    for id in preferred { flags[Int(id)] |= Self.preferredFlag }
    skillFlags = flags
    requiredPoints = (0...required.count).map {
      UInt8(Matcher.shareOf(MatchFeature.requiredSkills.maxPoints, $0, required.count))
    }
    preferredPoints = (0...preferred.count).map {
      UInt8(Matcher.shareOf(MatchFeature.preferredSkills.maxPoints, $0, preferred.count))
    }
    self.titles = titles
    self.titleNames = titleNames
    titleLanes = FeatureLanes(groups: titles)
    self.locations = locations
    self.locationNames = locationNames
    locationLanes = FeatureLanes(groups: locations)
    self.remoteAllowed = remoteAllowed
    self.minimumMonths = minimumMonths
    self.seniority = seniority
  }
}
