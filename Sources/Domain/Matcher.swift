/// Scores candidates against vacancies: deterministic, integer points per feature that add up to a total of
/// 0–100, with a sentence per feature. Pure and stateless, so it is safe to call from any thread.
///
/// `score` explains; `scoreTotal` is the bulk kernel (no strings, no allocation) and returns the same total,
/// because both take every feature's points from the same functions. Each feature's points are an integer
/// floor of its share of `maxPoints`, and the total is their sum, so rounding cannot break the sum.
/// Properties that hold by construction and are tested: the same features give the same score; a candidate
/// gaining a required skill never scores lower; moving into an accepted location never scores lower.
public struct Matcher: Sendable {
  /// The model version this code implements; stored with every score.
  public static let currentModelVersion = "tw-match-1"

  /// The model version written into scores.
  public var modelVersion: String { Self.currentModelVersion }

  /// Creates the matcher.
  public init() {}

  /// The total only, for bulk rescoring; equal to `score(candidate:vacancy:).total`.
  public func scoreTotal(candidate: CandidateFeatures, vacancy: VacancyFeatures) -> Int {
    Self.total(candidate, vacancy)
  }

  /// Totals of every candidate for one vacancy, index for index: the loop for a vacancy created or edited
  /// (the vacancy's lookup tables stay in cache). Iterates in place, without copying any features.
  public func scoreTotals(candidates: [CandidateFeatures], vacancy: VacancyFeatures) -> [UInt8] {
    candidates.withUnsafeBufferPointer { buffer in
      [UInt8](unsafeUninitializedCapacity: buffer.count) { totals, count in
        for index in buffer.indices {
          totals.initializeElement(
            at: index, to: UInt8(truncatingIfNeeded: Self.total(buffer[index], vacancy)))
        }
        count = buffer.count
      }
    }
  }

  /// Totals of every candidate for every vacancy, vacancy-major: `totals[v * candidates.count + c]`. The
  /// full-rescoring loop: candidates are taken in cache-sized blocks and every vacancy runs over a block
  /// before the next, so candidate features are read from memory once per block instead of once per vacancy.
  public func scoreTotals(candidates: [CandidateFeatures], vacancies: [VacancyFeatures]) -> [UInt8]
  {
    let blockSize = 256
    let columns = candidates.count
    return candidates.withUnsafeBufferPointer { people in
      vacancies.withUnsafeBufferPointer { roles in
        [UInt8](unsafeUninitializedCapacity: columns * roles.count) { totals, count in
          var blockStart = 0
          while blockStart < columns {
            let blockEnd = Swift.min(blockStart + blockSize, columns)
            for v in roles.indices {
              let row = v * columns
              for c in blockStart..<blockEnd {
                totals.initializeElement(
                  at: row + c, to: UInt8(truncatingIfNeeded: Self.total(people[c], roles[v])))
              }
            }
            blockStart = blockEnd
          }
          count = columns * roles.count
        }
      }
    }
  }

  /// Totals of one candidate for every vacancy, index for index: the change-event loop.
  public func scoreTotals(candidate: CandidateFeatures, vacancies: [VacancyFeatures]) -> [UInt8] {
    vacancies.withUnsafeBufferPointer { buffer in
      [UInt8](unsafeUninitializedCapacity: buffer.count) { totals, count in
        for index in buffer.indices {
          totals.initializeElement(
            at: index, to: UInt8(truncatingIfNeeded: Self.total(candidate, buffer[index])))
        }
        count = buffer.count
      }
    }
  }

  /// The full score with one contribution and sentence per feature, in `MatchFeature.allCases` order.
  public func score(candidate: CandidateFeatures, vacancy: VacancyFeatures) -> MatchScore {
    let (required, preferred) = Self.skillMatches(candidate, vacancy)
    let title = Self.titleMatch(candidate, vacancy)
    let months = Self.relevantMonths(candidate, vacancy)
    let location = Self.locationMatch(candidate, vacancy)
    let contributions = [
      MatchContribution(
        feature: .requiredSkills,
        points: Int(vacancy.requiredPoints[required]),
        maxPoints: MatchFeature.requiredSkills.maxPoints,
        sentence: Self.skillSentence(
          "required", candidate, vacancy.requiredSkills, vacancy.requiredNames)),
      MatchContribution(
        feature: .title, points: title.points, maxPoints: MatchFeature.title.maxPoints,
        sentence: Self.titleSentence(candidate, vacancy, title)),
      MatchContribution(
        feature: .seniority, points: Self.seniorityPoints(candidate.seniority, vacancy.seniority),
        maxPoints: MatchFeature.seniority.maxPoints,
        sentence: Self.senioritySentence(candidate.seniority, vacancy.seniority)),
      MatchContribution(
        feature: .experience, points: Self.experiencePoints(months, vacancy.minimumMonths),
        maxPoints: MatchFeature.experience.maxPoints,
        sentence: Self.experienceSentence(candidate, vacancy, months)),
      MatchContribution(
        feature: .location, points: location.points, maxPoints: MatchFeature.location.maxPoints,
        sentence: Self.locationSentence(candidate, vacancy, location)),
      MatchContribution(
        feature: .preferredSkills,
        points: Int(vacancy.preferredPoints[preferred]),
        maxPoints: MatchFeature.preferredSkills.maxPoints,
        sentence: Self.skillSentence(
          "preferred", candidate, vacancy.preferredSkills, vacancy.preferredNames)),
      MatchContribution(
        feature: .openToWork, points: Self.openToWorkPoints(candidate.openToWork),
        maxPoints: MatchFeature.openToWork.maxPoints,
        sentence: candidate.openToWork ? "Open to work" : "Not marked as open to work"),
    ]
    return MatchScore(
      validated: candidate.candidateID, vacancyID: vacancy.vacancyID, modelVersion: modelVersion,
      total: contributions.reduce(0) { $0 + $1.points }, contributions: contributions)
  }

  // MARK: - The kernel: every feature's points, shared by `score` and `scoreTotal`.

  /// The total, computed without building strings; skips the experience sweep when no minimum is asked.
  static func total(_ candidate: CandidateFeatures, _ vacancy: VacancyFeatures) -> Int {
    let (required, preferred) = skillMatches(candidate, vacancy)
    var total = Int(vacancy.requiredPoints[required]) + Int(vacancy.preferredPoints[preferred])
    total += titleMatch(candidate, vacancy).points
    total += seniorityPoints(candidate.seniority, vacancy.seniority)
    if vacancy.minimumMonths == 0 {
      total += MatchFeature.experience.maxPoints
    } else {
      total += experiencePoints(relevantMonths(candidate, vacancy), vacancy.minimumMonths)
    }
    total += locationMatch(candidate, vacancy).points
    total += openToWorkPoints(candidate.openToWork)
    return total
  }

  /// `max * matched / count` rounded down; the full `max` when nothing is asked (`count == 0`).
  static func shareOf(_ max: Int, _ matched: Int, _ count: Int) -> Int {
    count == 0 ? max : max * matched / count
  }

  /// How many of the candidate's skills are required and preferred by the vacancy (both sets distinct):
  /// one table load per candidate skill, no branches on the outcome.
  @inline(__always)
  static func skillMatches(
    _ candidate: CandidateFeatures, _ vacancy: VacancyFeatures
  ) -> (required: Int, preferred: Int) {
    var required = 0
    var preferred = 0
    let flags = vacancy.skillFlags
    for id in candidate.skills where id >= 0 && Int(id) < flags.count {
      let flag = Int(flags[Int(id)])
      required &+= flag & 1
      preferred &+= flag >> 1
    }
    return (required, preferred)
  }

  /// The best title: its index (-1 when the vacancy names none), shared words, and points.
  @inline(__always)
  static func titleMatch(
    _ candidate: CandidateFeatures, _ vacancy: VacancyFeatures
  ) -> (index: Int, matched: Int, points: Int) {
    let max = MatchFeature.title.maxPoints
    guard !vacancy.titles.isEmpty else { return (-1, 0, max) }
    var best = (index: 0, matched: 0, points: 0)
    guard !candidate.titleTokens.isEmpty else { return best }
    let lanes = vacancy.titleLanes
    for word in 0..<lanes.wordsPerID {
      let sums = lanes.laneSums(candidate.titleTokens, word: word)
      if sums == 0 { continue }
      for group in (word * 8)..<Swift.min(word * 8 + 8, lanes.groupCount) {
        let matched = FeatureLanes.lane(sums, group)
        guard matched > 0 else { continue }
        let points = max * matched / vacancy.titles[group].count
        // The first title sharing any word is kept even at 0 points, so the sentence names it.
        if points > best.points || best.matched == 0 { best = (group, matched, points) }
      }
    }
    return best
  }

  /// Points for seniority: 5 in the band (or no band), 2 one level off or when unknown, else 0.
  @inline(__always)
  static func seniorityPoints(_ level: Seniority?, _ band: ClosedRange<Seniority>?) -> Int {
    let max = MatchFeature.seniority.maxPoints
    guard let band else { return max }
    guard let level else { return 2 }
    if band.contains(level) { return max }
    let distance =
      level < band.lowerBound
      ? band.lowerBound.rawValue - level.rawValue : level.rawValue - band.upperBound.rawValue
    return distance == 1 ? 2 : 0
  }

  /// Months of experience in positions whose title shares a word with one of the vacancy's titles (all
  /// positions when the vacancy names no title); overlapping positions are counted once.
  @inline(__always)
  static func relevantMonths(_ candidate: CandidateFeatures, _ vacancy: VacancyFeatures) -> Int32 {
    if vacancy.titles.isEmpty { return candidate.totalExperienceMonths }
    let tokens = candidate.spanTokens
    let lanes = vacancy.titleLanes
    return CandidateFeatures.unionMonths(candidate.spans) { span in
      var index = Int(span.tokenStart)
      while index < Int(span.tokenEnd) {
        if lanes.anyGroupHolds(tokens[index]) { return true }
        index += 1
      }
      return false
    }
  }

  /// Points for experience: the share of the minimum reached, full when no minimum is asked.
  @inline(__always)
  static func experiencePoints(_ months: Int32, _ minimum: Int32) -> Int {
    let max = MatchFeature.experience.maxPoints
    guard minimum > 0 else { return max }
    return max * Int(Swift.min(months, minimum)) / Int(minimum)
  }

  /// Where the candidate stands against the accepted locations.
  enum LocationStanding: Equatable {
    /// The vacancy lists no location.
    case anywhere
    /// The candidate is in the accepted location at this index.
    case accepted(Int)
    /// Outside the accepted locations (or unknown) and remote work is allowed.
    case remote
    /// Outside the accepted locations, remote not allowed.
    case outside
  }

  /// The location standing and its points: 15 anywhere or accepted, 10 remote, 0 outside.
  @inline(__always)
  static func locationMatch(
    _ candidate: CandidateFeatures, _ vacancy: VacancyFeatures
  ) -> (standing: LocationStanding, points: Int) {
    let max = MatchFeature.location.maxPoints
    if vacancy.locations.isEmpty { return (.anywhere, max) }
    let lanes = vacancy.locationLanes
    if !candidate.locationKeys.isEmpty {
      for word in 0..<lanes.wordsPerID {
        let sums = lanes.laneSums(candidate.locationKeys, word: word)
        if sums == 0 { continue }
        for group in (word * 8)..<Swift.min(word * 8 + 8, lanes.groupCount)
        where FeatureLanes.lane(sums, group) == vacancy.locations[group].count {
          return (.accepted(group), max)
        }
      }
    }
    return vacancy.remoteAllowed ? (.remote, 10) : (.outside, 0)
  }

  /// Points for the open-to-work signal.
  @inline(__always)
  static func openToWorkPoints(_ open: Bool) -> Int { open ? MatchFeature.openToWork.maxPoints : 0 }
}
