/// A candidate as the scoring kernel sees them: interned, sorted id sets and numbers, built once per record
/// by `FeatureBuilder` (outside the hot loop) and compared by value to skip unchanged candidates.
///
/// Relevant experience depends on the vacancy, so the features keep each dated position as a month span
/// with its title tokens (sorted by start); the kernel picks the positions sharing a token with the
/// vacancy's titles and sums the union of their spans, so overlapping positions are never counted twice.
public struct CandidateFeatures: Sendable, Hashable {
  /// One dated position: months `[start, end)` and the range of its title tokens in `spanTokens`.
  struct Span: Sendable, Hashable {
    /// First month (month index, inclusive).
    var start: Int32
    /// Month after the last one (exclusive).
    var end: Int32
    /// Start of this position's tokens in `spanTokens`.
    var tokenStart: Int32
    /// End of this position's tokens in `spanTokens` (exclusive).
    var tokenEnd: Int32
  }

  /// The candidate's id, carried into scores.
  public let candidateID: String
  /// Normalised skills as sorted, distinct ids of the builder's skill interner.
  public let skills: [Int32]
  /// Role words of the current title(s), seniority words removed: sorted, distinct title-token ids.
  public let titleTokens: [Int32]
  /// Seniority from the current title's words, else the provider's label of the current position.
  public let seniority: Seniority?
  /// Location keys (city, region, country, the parts of the raw text): sorted, distinct ids.
  public let locationKeys: [Int32]
  /// Whether the candidate shows an open-to-work signal.
  public let openToWork: Bool
  /// Months covered by all dated positions together (overlaps counted once).
  public let totalExperienceMonths: Int32
  /// Positions left out of experience because their dates are missing or unreadable.
  public let undatedPositions: Int
  /// The current title as written, for explanation sentences.
  public let titleLabel: String?
  /// The location as written, for explanation sentences.
  public let locationLabel: String?
  /// Dated positions, sorted by start month.
  let spans: [Span]
  /// Title tokens of all spans, back to back.
  let spanTokens: [Int32]

  /// Assembles features; only `FeatureBuilder` calls this, so ids always come from one run's interners.
  init(
    candidateID: String, skills: [Int32], titleTokens: [Int32], seniority: Seniority?,
    locationKeys: [Int32], openToWork: Bool, undatedPositions: Int, titleLabel: String?,
    locationLabel: String?, spans: [Span], spanTokens: [Int32]
  ) {
    self.candidateID = candidateID
    self.skills = skills
    self.titleTokens = titleTokens
    self.seniority = seniority
    self.locationKeys = locationKeys
    self.openToWork = openToWork
    self.undatedPositions = undatedPositions
    self.titleLabel = titleLabel
    self.locationLabel = locationLabel
    self.spans = spans
    self.spanTokens = spanTokens
    totalExperienceMonths = Self.unionMonths(spans) { _ in true }
  }

  /// Months covered by the spans `isRelevant` accepts, overlaps counted once (spans are sorted by start).
  @inline(__always)
  static func unionMonths(_ spans: [Span], isRelevant: (Span) -> Bool) -> Int32 {
    var total: Int32 = 0
    var runStart: Int32 = 0
    var runEnd: Int32 = 0
    var open = false
    for span in spans where isRelevant(span) {
      if open && span.start <= runEnd {
        if span.end > runEnd { runEnd = span.end }
      } else {
        if open { total += runEnd - runStart }
        runStart = span.start
        runEnd = span.end
        open = true
      }
    }
    if open { total += runEnd - runStart }
    return total
  }
}
