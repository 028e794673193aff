public import Foundation

/// Builds `CandidateFeatures` and `VacancyFeatures` for one scoring run: normalises skills, titles and
/// locations with the synonym tables and interns them, so every feature built here shares one id space.
///
/// Build all features first (single-threaded, outside the hot loop), then score them from any thread:
/// features are immutable values.
public struct FeatureBuilder: Sendable {
  /// Skill ids of this run.
  public internal(set) var skillInterner = Interner()
  /// Title-token ids of this run.
  public internal(set) var titleInterner = Interner()
  /// Location-key ids of this run.
  public internal(set) var locationInterner = Interner()
  /// How skills are folded and mapped to canonicals.
  public let skillNormalizer: SkillNormalizer
  /// How titles are split into words.
  public let titleTokenizer: TitleTokenizer
  private let locationAliases: [String: String]

  /// Creates a builder from the synonym tables (as parsed by `SynonymTable(json:)`).
  public init(
    skillSynonyms: SynonymTable, titleSynonyms: SynonymTable,
    locationSynonyms: SynonymTable = .empty
  ) throws(SynonymTableError) {
    skillNormalizer = try SkillNormalizer(synonyms: skillSynonyms)
    titleTokenizer = try TitleTokenizer(synonyms: titleSynonyms)
    locationAliases = try locationSynonyms.aliasMap(key: Self.locationKey)
  }

  /// The features of one candidate; `asOf` ends current positions (pass the injected clock's now).
  ///
  /// Positions whose start date is missing or unreadable, that are past but have no end date, or that end
  /// before they start (or start after `asOf`) do not count towards experience; `undatedPositions` says how
  /// many were left out.
  public mutating func features(
    for profile: CandidateProfile, candidateID: String, asOf: Date
  ) -> CandidateFeatures {
    let skills = sortedDistinct(
      profile.skills.compactMap { skillNormalizer.normalize($0) }.map { skillInterner.intern($0) })

    var currentTitles: [String] = []
    if let title = profile.currentTitle { currentTitles.append(title) }
    for position in profile.workHistory
    where position.isCurrent && !currentTitles.contains(position.title) {
      currentTitles.append(position.title)
    }
    var roleTokens: [Int32] = []
    var seniority: Seniority?
    for title in currentTitles {
      let (roles, level) = split(titleTokenizer.tokens(title))
      roleTokens += roles
      if let level { seniority = max(seniority ?? level, level) }
    }
    if seniority == nil {
      seniority =
        profile.workHistory.lazy.filter(\.isCurrent).compactMap { position in
          position.seniority.flatMap { Seniority(providerLabel: $0) }
        }.first
    }

    var keys: [Int32] = []
    if let location = profile.location {
      var texts = [location.city, location.region, location.country].compactMap { $0 }
      texts += location.raw.split(separator: ",").map(String.init)
      for text in texts {
        let key = canonicalLocation(text)
        if !key.isEmpty { keys.append(locationInterner.intern(key)) }
      }
    }

    let now = FeatureCalendar.monthIndex(asOf) + 1
    var spans: [CandidateFeatures.Span] = []
    var spanTokens: [Int32] = []
    var undated = 0
    for position in profile.workHistory {
      guard let startText = position.startDate, let start = FeatureCalendar.monthIndex(startText)
      else {
        undated += 1
        continue
      }
      var end: Int32
      if let endText = position.endDate {
        guard let parsed = FeatureCalendar.monthIndex(endText) else {
          undated += 1
          continue
        }
        end = parsed + 1
      } else if position.isCurrent {
        end = now
      } else {
        undated += 1
        continue
      }
      end = min(end, now)
      guard start < end else {
        undated += 1
        continue
      }
      let tokens = sortedDistinct(split(titleTokenizer.tokens(position.title)).roles)
      let first = Int32(spanTokens.count)
      spanTokens += tokens
      spans.append(
        .init(start: start, end: end, tokenStart: first, tokenEnd: Int32(spanTokens.count)))
    }
    // Sort by start (then end) and keep each span's tokens with it.
    let order = spans.indices.sorted {
      (spans[$0].start, spans[$0].end) < (spans[$1].start, spans[$1].end)
    }
    var sortedSpans: [CandidateFeatures.Span] = []
    var sortedTokens: [Int32] = []
    for index in order {
      let span = spans[index]
      let first = Int32(sortedTokens.count)
      sortedTokens += spanTokens[Int(span.tokenStart)..<Int(span.tokenEnd)]
      sortedSpans.append(
        .init(
          start: span.start, end: span.end, tokenStart: first, tokenEnd: Int32(sortedTokens.count)))
    }

    return CandidateFeatures(
      candidateID: candidateID, skills: skills, titleTokens: sortedDistinct(roleTokens),
      seniority: seniority, locationKeys: sortedDistinct(keys), openToWork: profile.openToWork,
      undatedPositions: undated, titleLabel: currentTitles.first,
      locationLabel: profile.location?.raw,
      spans: sortedSpans, spanTokens: sortedTokens)
  }

  /// The features of a vacancy, or an error: `.scoringStopped` when its AI scoring is off (so no fresh score
  /// can be computed for it), `.invalidCriteria` for negative years or a skill or location with no content.
  public mutating func features(for vacancy: Vacancy) throws(MatchError) -> VacancyFeatures {
    guard vacancy.aiScoring else { throw .scoringStopped(vacancyID: vacancy.id) }
    let criteria = vacancy.criteria
    guard criteria.minimumYears >= 0, criteria.minimumYears <= 80 else {
      throw .invalidCriteria(field: "criteria.minimumYears", reason: "must be between 0 and 80")
    }
    let (required, requiredNames) = try skillList(criteria.requiredSkills, field: "requiredSkills")
    let (preferred, preferredNames) = try skillList(
      criteria.preferredSkills, field: "preferredSkills")

    var titles: [[Int32]] = []
    var titleNames: [String] = []
    for (index, title) in criteria.titles.enumerated() {
      let roles = sortedDistinct(split(titleTokenizer.tokens(title)).roles)
      guard roles.count <= FeatureLanes.maxGroupSize else {
        throw .invalidCriteria(
          field: "criteria.titles[\(index)]",
          reason: "more than \(FeatureLanes.maxGroupSize) words")
      }
      guard !roles.isEmpty, !titles.contains(roles) else { continue }
      titles.append(roles)
      titleNames.append(FeatureText.trimmed(title))
    }

    var locations: [[Int32]] = []
    var locationNames: [String] = []
    for (index, location) in criteria.locations.enumerated() {
      let parts = location.split(separator: ",").map { canonicalLocation(String($0)) }.filter {
        !$0.isEmpty
      }
      guard !parts.isEmpty else {
        throw .invalidCriteria(field: "criteria.locations[\(index)]", reason: "empty location")
      }
      guard parts.count <= FeatureLanes.maxGroupSize else {
        throw .invalidCriteria(
          field: "criteria.locations[\(index)]",
          reason: "more than \(FeatureLanes.maxGroupSize) parts")
      }
      let ids = sortedDistinct(parts.map { locationInterner.intern($0) })
      guard !locations.contains(ids) else { continue }
      locations.append(ids)
      locationNames.append(FeatureText.trimmed(location))
    }

    return VacancyFeatures(
      vacancyID: vacancy.id, required: required, requiredNames: requiredNames, preferred: preferred,
      preferredNames: preferredNames, titles: titles, titleNames: titleNames, locations: locations,
      locationNames: locationNames, remoteAllowed: criteria.remoteAllowed,
      minimumMonths: Int32(criteria.minimumYears * 12), seniority: criteria.seniority)
  }

  /// A location part folded to lowercase words joined by single spaces (`" North-Holland "` →
  /// `"north holland"`), before aliases.
  public static func locationKey(_ text: String) -> String {
    FeatureText.words(text, keepSymbols: false).joined(separator: " ")
  }

  private func canonicalLocation(_ text: String) -> String {
    let key = Self.locationKey(text)
    return locationAliases[key] ?? key
  }

  /// Interns a criteria skill list, keeping the first spelling of each distinct skill.
  private mutating func skillList(
    _ skills: [String], field: String
  ) throws(MatchError) -> ([Int32], [String]) {
    var ids: [Int32] = []
    var names: [String] = []
    for (index, skill) in skills.enumerated() {
      guard let key = skillNormalizer.normalize(skill) else {
        throw .invalidCriteria(field: "criteria.\(field)[\(index)]", reason: "empty skill")
      }
      let id = skillInterner.intern(key)
      guard !ids.contains(id) else { continue }
      ids.append(id)
      names.append(FeatureText.trimmed(skill))
    }
    return (ids, names)
  }

  /// Splits title tokens into interned role words and the highest seniority word.
  private mutating func split(_ tokens: [String]) -> (roles: [Int32], level: Seniority?) {
    var roles: [Int32] = []
    var level: Seniority?
    for token in tokens {
      if let found = Seniority(titleToken: token) {
        level = max(level ?? found, found)
      } else {
        roles.append(titleInterner.intern(token))
      }
    }
    return (roles, level)
  }

  private func sortedDistinct(_ ids: [Int32]) -> [Int32] {
    var sorted = ids.sorted()
    var write = 0
    for read in sorted.indices where write == 0 || sorted[read] != sorted[write - 1] {
      sorted[write] = sorted[read]
      write += 1
    }
    sorted.removeLast(sorted.count - write)
    return sorted
  }
}
