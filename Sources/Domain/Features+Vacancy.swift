/// A vacancy's criteria as the scoring kernel sees them: interned ids plus bitsets for one-load membership
/// tests, with the names as the recruiter wrote them kept for explanation sentences.
///
/// There is no public initialiser: only `FeatureBuilder.features(for:)` makes these, and it refuses a
/// vacancy whose AI scoring is off, so no fresh score can be computed for a stopped vacancy.
public struct VacancyFeatures: Sendable, Hashable {
  /// The vacancy's id, carried into scores.
  public let vacancyID: String
  /// Required skills: distinct ids in the order written, and their written names.
  let requiredSkills: [Int32]
  /// Display names of `requiredSkills`, index for index.
  let requiredNames: [String]
  /// Preferred skills: distinct ids in the order written.
  let preferredSkills: [Int32]
  /// Display names of `preferredSkills`, index for index.
  let preferredNames: [String]
  /// `requiredSkills` as a bitset.
  let requiredBits: FeatureBits
  /// `preferredSkills` as a bitset.
  let preferredBits: FeatureBits
  /// Role words of each accepted title (sorted, distinct ids); titles without role words are left out.
  let titles: [[Int32]]
  /// Display names of `titles`, index for index.
  let titleNames: [String]
  /// Every token of every title, as a bitset: a position is relevant when one of its tokens is in here.
  let titleTokenBits: FeatureBits
  /// Accepted locations, each the sorted ids of its comma-separated parts (all must match).
  let locations: [[Int32]]
  /// Display names of `locations`, index for index.
  let locationNames: [String]
  /// Whether remote work is allowed.
  let remoteAllowed: Bool
  /// Minimum relevant experience in months (0 for none).
  let minimumMonths: Int32
  /// Accepted seniority band, nil for any.
  let seniority: ClosedRange<Seniority>?
}
