public import Domain
import Foundation
public import Storage

/// Rescores candidates against vacancies and stores the scores that changed, with history. Works on a
/// `Connection` the caller chooses (a writer thread, a test), one transaction per batch.
///
/// - `matchChanges`: every unmatched change event's candidate against every open vacancy with AI scoring
///   on; the events are marked `matched_at`.
/// - `rescoreVacancies`: every open, scored vacancy whose criteria version moved since its last full
///   scoring (created or edited), against all candidates in batches; `force` rescores all of them.
///
/// A pair is written only when its total or model version changed (after a criteria edit, also when its
/// breakdown changed); the previous row stays as history. Match events go to `sink` inside the same
/// transaction. It never writes a pipeline stage, never scores a vacancy whose scoring is stopped, and has
/// no threshold that leaves anyone unscored.
public struct Rematcher: Sendable {
  /// The synonym tables features are built with.
  public let synonyms: MatchingSynonyms
  /// When a score change raises an event.
  public let thresholds: MatchThresholds
  /// Scoring time and the end of current positions.
  public let clock: any Clock
  /// Receives match events inside the scoring transaction; nil drops them.
  public let sink: MatchingSink?
  /// Audit entries, one per score written (AI Act Art. 12); nil writes none.
  var audit: AuditTrail?
  /// Change events per delta transaction.
  public var changeBatchSize = 1000
  /// Candidate profiles read per query when building features for a full rescoring.
  public var candidateBatchSize = 5000
  /// Vacancies scored per full-rescoring transaction (their current scores are held in memory).
  public var vacancyGroupSize = 8

  private let matcher = Matcher()

  /// Creates a re-matcher.
  public init(
    synonyms: MatchingSynonyms, thresholds: MatchThresholds = .standard, clock: any Clock,
    sink: MatchingSink? = nil
  ) {
    self.synonyms = synonyms
    self.thresholds = thresholds
    self.clock = clock
    self.sink = sink
  }

  /// Everything due: vacancies created or edited first, then all unmatched change events.
  public func runDue(in connection: Connection) throws -> RematchReport {
    var report = try rescoreVacancies(in: connection)
    report.add(try matchChanges(in: connection))
    return report
  }

  /// Consumes every unmatched change event, one batch per transaction.
  public func matchChanges(in connection: Connection) throws -> RematchReport {
    var report = RematchReport()
    while true {
      let batch = try connection.transaction { () throws -> RematchReport? in
        let changes = try MatchingStore.unmatchedChanges(limit: changeBatchSize, in: connection)
        if changes.isEmpty { return nil }
        return try matchBatch(changes, in: connection)
      }
      guard let batch else { return report }
      report.add(batch)
    }
  }

  /// Rescores vacancies: those whose criteria moved, or with `force` every open scored vacancy; `only`
  /// restricts the pass to one vacancy. Vacancies whose scoring is stopped are skipped and forgotten.
  public func rescoreVacancies(only: Int64? = nil, force: Bool = false, in connection: Connection)
    throws -> RematchReport
  {
    var report = RematchReport()
    var builder = try synonyms.builder()
    var targets: [(vacancy: MatchingVacancy, features: VacancyFeatures)] = []
    for vacancy in try MatchingStore.vacancies(in: connection) {
      if let only, vacancy.id != only { continue }
      if !vacancy.aiScoring {
        if vacancy.scoredCriteriaVersion != nil {
          try MatchingStore.forgetVacancyScoring(id: vacancy.id, in: connection)
        }
        continue
      }
      guard vacancy.isOpen, force || vacancy.needsFullScoring else { continue }
      guard let features = Self.features(of: vacancy, builder: &builder) else {
        report.vacanciesSkipped += 1
        continue
      }
      targets.append((vacancy, features))
    }
    if targets.isEmpty { return report }
    let now = clock.now()
    // Every candidate's features, built once (profiles read in batches), then vacancies in groups: one
    // transaction per group, with only that group's current scores in memory.
    var ids: [Int64] = []
    var people: [CandidateFeatures] = []
    var after: Int64 = 0
    while true {
      let rows = try MatchingStore.profiles(
        afterID: after, limit: candidateBatchSize, in: connection)
      guard let last = rows.last else { break }
      after = last.id
      for row in rows {
        guard let profile = Self.profile(row.profile) else {
          report.candidatesSkipped += 1
          continue
        }
        ids.append(row.id)
        people.append(builder.features(for: profile, candidateID: String(row.id), asOf: now))
      }
    }
    var groupStart = 0
    while groupStart < targets.count {
      let group = targets[groupStart..<min(groupStart + vacancyGroupSize, targets.count)]
      groupStart = group.endIndex
      try connection.transaction {
        let totals = matcher.scoreTotals(candidates: people, vacancies: group.map(\.features))
        report.pairsScored += totals.count
        for (offset, target) in group.enumerated() {
          let edited = target.vacancy.needsFullScoring
          let current = try ScoreStore.current(
            vacancyID: target.vacancy.id, withContributions: edited, in: connection)
          let pipeline = try MatchingStore.pipelineCandidates(
            vacancyID: target.vacancy.id, in: connection)
          let trigger =
            edited
            ? "vacancy:\(target.vacancy.id)@\(target.vacancy.criteriaVersion)" : "rematch:all"
          for (c, candidateID) in ids.enumerated() {
            let total = Int(totals[offset * ids.count + c])
            let previous = current[candidateID]
            let sameTotal =
              previous.map { $0.score == total && $0.modelVersion == matcher.modelVersion } ?? false
            if sameTotal && !edited { continue }
            let score = matcher.score(candidate: people[c], vacancy: target.features)
            let contributions = try Self.encode(score.contributions)
            if sameTotal && previous?.contributions == contributions { continue }
            try store(
              score, contributions: contributions, candidateID: candidateID,
              vacancy: target.vacancy, previous: previous?.score,
              inPipeline: pipeline.contains(candidateID), change: nil, trigger: trigger,
              now: now, report: &report, in: connection)
          }
          try MatchingStore.markVacancyScored(
            id: target.vacancy.id, criteriaVersion: target.vacancy.criteriaVersion, at: now,
            in: connection)
        }
      }
    }
    report.vacanciesRescored = targets.count
    return report
  }

  /// One delta batch: each changed candidate (once, however many events it has) against every open
  /// scored vacancy; pipeline events also for pipelines of stopped vacancies (without a score).
  private func matchBatch(_ changes: [MatchingChange], in connection: Connection) throws
    -> RematchReport
  {
    var report = RematchReport()
    let now = clock.now()
    var builder = try synonyms.builder()
    var open: [MatchingVacancy] = []
    var features: [VacancyFeatures] = []
    var stopped: [Int64: MatchingVacancy] = [:]
    for vacancy in try MatchingStore.vacancies(in: connection) where vacancy.isOpen {
      guard vacancy.aiScoring else {
        stopped[vacancy.id] = vacancy
        continue
      }
      guard let built = Self.features(of: vacancy, builder: &builder) else {
        report.vacanciesSkipped += 1
        continue
      }
      open.append(vacancy)
      features.append(built)
    }
    var byCandidate: [Int64: [MatchingChange]] = [:]
    var order: [Int64] = []
    for change in changes {
      if byCandidate[change.candidateID] == nil { order.append(change.candidateID) }
      byCandidate[change.candidateID, default: []].append(change)
    }
    let profiles = try MatchingStore.profiles(ids: order, in: connection)
    for candidateID in order {
      let events = byCandidate[candidateID] ?? []
      let jobChanged = events.contains { $0.isJobChange }
      let openedToWork = events.contains { $0.isOpenToWork }
      let trigger = "change:\(events.map { String($0.id) }.joined(separator: ","))"
      let pipeline =
        jobChanged || openedToWork
        ? try MatchingStore.pipelineVacancies(candidateID: candidateID, in: connection) : []
      guard let text = profiles[candidateID], let profile = Self.profile(text) else {
        report.candidatesSkipped += 1
        continue
      }
      let person = builder.features(for: profile, candidateID: String(candidateID), asOf: now)
      let totals = matcher.scoreTotals(candidate: person, vacancies: features)
      report.pairsScored += totals.count
      let current = try ScoreStore.current(candidateID: candidateID, in: connection)
      for (index, vacancy) in open.enumerated() {
        let total = Int(totals[index])
        let previous = current[vacancy.id]
        let inPipeline = pipeline.contains(vacancy.id)
        let unchanged =
          previous.map { $0.score == total && $0.modelVersion == matcher.modelVersion } ?? false
        if unchanged && !inPipeline { continue }
        let score = matcher.score(candidate: person, vacancy: features[index])
        if unchanged {
          try raise(
            score: score, candidateID: candidateID, vacancy: vacancy, previous: previous?.score,
            inPipeline: true, jobChanged: jobChanged, openedToWork: openedToWork,
            trigger: trigger, report: &report, in: connection)
          continue
        }
        try store(
          score, contributions: try Self.encode(score.contributions), candidateID: candidateID,
          vacancy: vacancy, previous: previous?.score, inPipeline: inPipeline,
          change: (jobChanged, openedToWork), trigger: trigger, now: now, report: &report,
          in: connection)
      }
      for vacancyID in pipeline.sorted() {
        guard let vacancy = stopped[vacancyID] else { continue }
        try raise(
          score: nil, candidateID: candidateID, vacancy: vacancy, previous: nil, inPipeline: true,
          jobChanged: jobChanged, openedToWork: openedToWork, trigger: trigger, report: &report,
          in: connection)
      }
    }
    try MatchingStore.markMatched(changeIDs: changes.map(\.id), at: now, in: connection)
    report.changesMatched = changes.count
    return report
  }

  /// Writes a changed score and raises its events.
  private func store(
    _ score: MatchScore, contributions: String, candidateID: Int64, vacancy: MatchingVacancy,
    previous: Int?, inPipeline: Bool, change: (job: Bool, open: Bool)?, trigger: String, now: Date,
    report: inout RematchReport, in connection: Connection
  ) throws {
    try ScoreStore.write(
      ScoreWrite(
        candidateID: candidateID, vacancyID: vacancy.id, score: score.total,
        contributions: contributions, modelVersion: score.modelVersion, trigger: trigger,
        scoredAt: now), in: connection)
    try audit?.record(
      .scoreWritten, candidateID: candidateID, actor: "talentwatch:matcher", at: now,
      details: [
        "vacancy_id": String(vacancy.id), "score": String(score.total),
        "model_version": score.modelVersion, "trigger": trigger,
      ], in: connection)
    report.scoresWritten += 1
    try raise(
      score: score, candidateID: candidateID, vacancy: vacancy, previous: previous,
      inPipeline: inPipeline, jobChanged: change?.job ?? false, openedToWork: change?.open ?? false,
      trigger: trigger, report: &report, in: connection)
  }

  /// Asks the policy for events and hands any to the sink.
  private func raise(
    score: MatchScore?, candidateID: Int64, vacancy: MatchingVacancy, previous: Int?,
    inPipeline: Bool, jobChanged: Bool, openedToWork: Bool, trigger: String,
    report: inout RematchReport, in connection: Connection
  ) throws {
    var events = MatchEventPolicy.events(
      previous: previous, current: score?.total ?? 0, thresholds: thresholds,
      inPipeline: inPipeline, jobChanged: jobChanged, openedToWork: openedToWork)
    if score == nil { events.removeAll { $0.kind != .pipelineCandidateChanged } }
    guard !events.isEmpty else { return }
    report.eventsRaised += events.count
    try sink?(
      MatchingNotice(
        candidateID: candidateID, vacancyID: vacancy.id, ownerUserID: vacancy.ownerUserID,
        previous: previous, score: score, events: events, trigger: trigger), connection)
  }

  /// A vacancy's features, or nil when its criteria are unreadable or invalid.
  private static func features(of vacancy: MatchingVacancy, builder: inout FeatureBuilder)
    -> VacancyFeatures?
  {
    guard
      let criteria = try? JSONDecoder().decode(
        VacancyCriteria.self, from: Data(vacancy.criteria.utf8))
    else { return nil }
    let domain = Vacancy(
      id: String(vacancy.id), title: vacancy.title, criteria: criteria,
      ownerUserID: vacancy.ownerUserID, isOpen: vacancy.isOpen, aiScoring: vacancy.aiScoring)
    return try? builder.features(for: domain)
  }

  /// A stored profile, or nil when unreadable.
  private static func profile(_ text: String) -> CandidateProfile? {
    try? JSONDecoder().decode(CandidateProfile.self, from: Data(text.utf8))
  }

  /// Contributions as stored: JSON with sorted keys (`feature`, `max_points`, `points`, `sentence`), written
  /// by hand because it runs once per changed pair and Foundation's encoder dominated the delta's time.
  /// Equal breakdowns are equal text; `JSONDecoder` reads it back as `[MatchContribution]`.
  static func encode(_ contributions: [MatchContribution]) throws -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(640)
    bytes.append(UInt8(ascii: "["))
    for (index, part) in contributions.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += #"{"feature":"#.utf8
      appendJSONString(part.feature.rawValue, to: &bytes)
      bytes += #","max_points":"#.utf8
      bytes += String(part.maxPoints).utf8
      bytes += #","points":"#.utf8
      bytes += String(part.points).utf8
      bytes += #","sentence":"#.utf8
      appendJSONString(part.sentence, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "]"))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Lowercase hexadecimal digits for `\u00XX` escapes.
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends `value` as a JSON string literal (UTF-8; quotes, backslashes and control bytes escaped).
  private static func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += #"\""#.utf8
      case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
      case UInt8(ascii: "\n"): bytes += #"\n"#.utf8
      case UInt8(ascii: "\r"): bytes += #"\r"#.utf8
      case UInt8(ascii: "\t"): bytes += #"\t"#.utf8
      case 0..<0x20:
        bytes += #"\u00"#.utf8
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
