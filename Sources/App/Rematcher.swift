public import Domain
import Foundation
import Signing
public import Storage

/// Rescores candidates against vacancies and stores the scores that changed, with history. Works on a
/// `Connection` the caller chooses (a writer thread, a test), one transaction per batch.
///
/// - `matchChanges`: every unmatched change event's candidate against every open vacancy with AI scoring
///   on; the events are marked `matched_at`.
/// - `rescoreVacancies`: every open, scored vacancy whose criteria version moved since its last full
///   scoring (created or edited), against all candidates in batches of one score-column chunk;
///   `force` rescores all of them.
///
/// A pair is written only when its total or model version changed (for a created or edited vacancy, also
/// when it was scored against older criteria); the previous score stays as history. What is stored per
/// written score is its 7 feature points; the candidate's features (one snapshot per profile version) and
/// the vacancy's criteria (one snapshot per criteria version) are stored once, so every score can be
/// re-explained with sentences (`ScoreExplainer`), and a full rescoring reads the snapshots instead of
/// decoding every profile. Match events go to `sink` inside the same transaction; one audit entry per
/// candidate and run names how many scores were written, the trigger and the model (AI Act Art. 12). It
/// never writes a pipeline stage, never scores a vacancy whose scoring is stopped, and has no threshold
/// that leaves anyone unscored.
public struct Rematcher: Sendable {
  /// The synonym tables features are built with.
  public let synonyms: MatchingSynonyms
  /// When a score change raises an event.
  public let thresholds: MatchThresholds
  /// Scoring time and the end of current positions.
  public let clock: any Clock
  /// Receives match events inside the scoring transaction; nil drops them.
  public let sink: MatchingSink?
  /// Audit entries, one per candidate and run with scores written (AI Act Art. 12); nil writes none.
  var audit: AuditTrail?
  /// Change events per delta transaction.
  public var changeBatchSize = 1000
  /// Candidate ids per full-rescoring transaction (a multiple of `ScoreStore.chunkSize` keeps every
  /// score-column chunk written once per pass).
  public var candidateBatchSize = ScoreStore.chunkSize
  /// What snapshots are valid for: the model version and a digest of the synonym tables.
  public let basis: String

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
    basis = Self.basis(of: synonyms)
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

  /// A vacancy to score in a full pass.
  private struct Target {
    /// The vacancy.
    var vacancy: MatchingVacancy
    /// Its features.
    var features: VacancyFeatures
    /// Whether it was created or edited since its last full scoring.
    var edited: Bool
    /// Candidates in its pipeline.
    var pipeline: Set<Int64>
  }

  /// Rescores vacancies: those whose criteria moved, or with `force` every open scored vacancy; `only`
  /// restricts the pass to one vacancy. Vacancies whose scoring is stopped are skipped and forgotten.
  public func rescoreVacancies(only: Int64? = nil, force: Bool = false, in connection: Connection)
    throws -> RematchReport
  {
    var report = RematchReport()
    var builder = try synonyms.builder()
    var targets: [Target] = []
    let now = clock.now()
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
      targets.append(
        Target(
          vacancy: vacancy, features: features, edited: vacancy.needsFullScoring,
          pipeline: try MatchingStore.pipelineCandidates(vacancyID: vacancy.id, in: connection)))
    }
    if targets.isEmpty { return report }
    try connection.transaction {
      for target in targets {
        try MatchSnapshotStore.recordVacancy(
          vacancyID: target.vacancy.id, criteriaVersion: target.vacancy.criteriaVersion,
          basis: basis, at: now, features: builder.snapshot(of: target.features), in: connection)
      }
    }
    let vacancyFeatures = targets.map(\.features)
    let month = FeatureBuilder.snapshotMonth(now)
    let trigger = force ? "rematch:all" : "vacancy"
    let last = try MatchingStore.maxCandidateID(in: connection)
    let step = Int64(max(1, candidateBatchSize))
    var lower: Int64 = 0
    while lower <= last {
      let ids = lower..<(lower + step)
      lower += step
      try connection.transaction {
        // Features from the cached snapshots where the profile did not change, else from the profile.
        let inputs = try MatchingStore.scoringInputs(
          ids: ids, basis: basis, month: month, in: connection)
        var people: [CandidateFeatures] = []
        var kept: [(input: MatchingCandidate, fresh: Bool)] = []
        people.reserveCapacity(inputs.count)
        for input in inputs {
          let id = String(input.id)
          if let snapshot = input.snapshot,
            let features = builder.features(candidateSnapshot: snapshot.features, candidateID: id)
          {
            people.append(features)
            kept.append((input, false))
          } else if let profile = try
            (input.profile ?? Self.profileBehindSnapshot(input, connection))
            .flatMap(Self.profile)
          {
            people.append(builder.features(for: profile, candidateID: id, asOf: now))
            kept.append((input, true))
          } else {
            report.candidatesSkipped += 1
          }
        }
        let totals = matcher.scoreTotals(candidates: people, vacancies: vacancyFeatures)
        report.pairsScored += totals.count
        var scorings: [CandidateScoring] = []
        for (c, (input, fresh)) in kept.enumerated() {
          // The current score of each target (both lists are sorted by vacancy id), and which changed.
          var previous: [CurrentScores.Entry?] = []
          previous.reserveCapacity(targets.count)
          var changed: [Int] = []
          var cursor = 0
          let entries = input.current.entries
          for v in targets.indices {
            let vacancyID = targets[v].vacancy.id
            while cursor < entries.count && entries[cursor].vacancyID < vacancyID { cursor += 1 }
            let entry =
              cursor < entries.count && entries[cursor].vacancyID == vacancyID
              ? entries[cursor] : nil
            previous.append(entry)
            if let entry, Int(entry.score) == Int(totals[v * kept.count + c]),
              input.current.modelVersion(of: entry) == matcher.modelVersion,
              !targets[v].edited
                || Int64(entry.criteriaVersion) == targets[v].vacancy.criteriaVersion
            {
              continue
            }
            changed.append(v)
          }
          let points = matcher.points(candidate: people[c], vacancies: vacancyFeatures, at: changed)
          var writes: [ScoreWrite] = []
          writes.reserveCapacity(changed.count)
          var notices: [MatchingNotice] = []
          for (k, v) in changed.enumerated() {
            let write = ScoreWrite(
              vacancyID: targets[v].vacancy.id, points: points[k],
              criteriaVersion: targets[v].vacancy.criteriaVersion, byVacancy: targets[v].edited)
            writes.append(write)
            raise(
              total: write.score,
              points: { write.points },
              candidateID: input.id, vacancy: targets[v].vacancy,
              previous: previous[v].map { Int($0.score) },
              inPipeline: targets[v].pipeline.contains(input.id), jobChanged: false,
              openedToWork: false, trigger: write.trigger(run: trigger), report: &report,
              notices: &notices)
          }
          try deliver(&notices, in: connection)
          let snapshotID =
            fresh
            ? try MatchSnapshotStore.insertCandidate(
              candidateID: input.id, basis: basis, month: month, takenAt: now,
              features: builder.snapshot(of: people[c]), in: connection) : input.snapshot?.id
          try auditRun(
            candidateID: input.id, written: writes.count, trigger: trigger, now: now,
            in: connection)
          scorings.append(
            CandidateScoring(
              candidateID: input.id, trigger: trigger, modelVersion: matcher.modelVersion,
              scoredAt: now, snapshotID: snapshotID, isNewSnapshot: fresh, writes: writes,
              current: input.current))
        }
        report.scoresWritten += try ScoreStore.record(scorings, in: connection)
      }
    }
    try connection.transaction {
      for target in targets {
        try MatchingStore.markVacancyScored(
          id: target.vacancy.id, criteriaVersion: target.vacancy.criteriaVersion, at: now,
          in: connection)
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
    let month = FeatureBuilder.snapshotMonth(now)
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
      try MatchSnapshotStore.recordVacancy(
        vacancyID: vacancy.id, criteriaVersion: vacancy.criteriaVersion, basis: basis, at: now,
        features: builder.snapshot(of: built), in: connection)
    }
    var byCandidate: [Int64: [MatchingChange]] = [:]
    var order: [Int64] = []
    for change in changes {
      if byCandidate[change.candidateID] == nil { order.append(change.candidateID) }
      byCandidate[change.candidateID, default: []].append(change)
    }
    let profiles = try MatchingStore.profiles(ids: order, in: connection)
    var scorings: [CandidateScoring] = []
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
      let snapshotID = try MatchSnapshotStore.insertCandidate(
        candidateID: candidateID, basis: basis, month: month, takenAt: now,
        features: builder.snapshot(of: person), in: connection)
      let totals = matcher.scoreTotals(candidate: person, vacancies: features)
      report.pairsScored += totals.count
      let current = try ScoreStore.current(candidateID: candidateID, in: connection)
      // The current score of each open vacancy (both lists are sorted by vacancy id), and which changed.
      var previous: [CurrentScores.Entry?] = []
      previous.reserveCapacity(open.count)
      var changed: [Int] = []
      var cursor = 0
      let entries = current.entries
      for index in open.indices {
        let vacancyID = open[index].id
        while cursor < entries.count && entries[cursor].vacancyID < vacancyID { cursor += 1 }
        let entry =
          cursor < entries.count && entries[cursor].vacancyID == vacancyID ? entries[cursor] : nil
        previous.append(entry)
        let unchanged =
          entry.map {
            Int($0.score) == Int(totals[index])
              && current.modelVersion(of: $0) == matcher.modelVersion
          } ?? false
        if !unchanged { changed.append(index) }
      }
      let points = matcher.points(candidate: person, vacancies: features, at: changed)
      var writes: [ScoreWrite] = []
      writes.reserveCapacity(changed.count)
      var notices: [MatchingNotice] = []
      var next = 0
      for index in open.indices {
        let isChanged = next < changed.count && changed[next] == index
        let inPipeline = !pipeline.isEmpty && pipeline.contains(open[index].id)
        if !isChanged && !inPipeline { continue }
        var written: MatchPoints?
        if isChanged {
          written = points[next]
          writes.append(
            ScoreWrite(
              vacancyID: open[index].id, points: points[next],
              criteriaVersion: open[index].criteriaVersion))
          next += 1
        }
        raise(
          total: Int(totals[index]),
          points: { written ?? matcher.points(candidate: person, vacancy: features[index]) },
          candidateID: candidateID, vacancy: open[index],
          previous: previous[index].map { Int($0.score) }, inPipeline: inPipeline,
          jobChanged: jobChanged, openedToWork: openedToWork, trigger: trigger, report: &report,
          notices: &notices)
      }
      for vacancyID in pipeline.sorted() {
        guard let vacancy = stopped[vacancyID] else { continue }
        raise(
          total: nil, points: { nil }, candidateID: candidateID, vacancy: vacancy, previous: nil,
          inPipeline: true, jobChanged: jobChanged, openedToWork: openedToWork, trigger: trigger,
          report: &report, notices: &notices)
      }
      try deliver(&notices, in: connection)
      try auditRun(
        candidateID: candidateID, written: writes.count, trigger: trigger, now: now,
        in: connection)
      scorings.append(
        CandidateScoring(
          candidateID: candidateID, trigger: trigger, modelVersion: matcher.modelVersion,
          scoredAt: now, snapshotID: snapshotID, isNewSnapshot: true, writes: writes,
          current: current))
    }
    report.scoresWritten += try ScoreStore.record(scorings, in: connection)
    try MatchingStore.markMatched(changeIDs: changes.map(\.id), at: now, in: connection)
    report.changesMatched = changes.count
    return report
  }

  /// One audit entry for a candidate's scores written in one run (none when nothing was written).
  private func auditRun(
    candidateID: Int64, written: Int, trigger: String, now: Date, in connection: Connection
  ) throws {
    guard written > 0, let audit else { return }
    try audit.record(
      .scoreWritten, candidateID: candidateID, actor: "talentwatch:matcher", at: now,
      details: [
        "scores_written": String(written), "model_version": matcher.modelVersion,
        "trigger": trigger,
      ], in: connection)
  }

  /// Asks the policy for events (on the total alone) and adds any to the candidate's `notices` with the
  /// score's points, which are asked for only then; without a sink the events are only counted. `total` nil: the vacancy's
  /// scoring is stopped, so only pipeline events are raised, without a score.
  private func raise(
    total: Int?, points: () -> MatchPoints?, candidateID: Int64,
    vacancy: @autoclosure () -> MatchingVacancy, previous: Int?, inPipeline: Bool,
    jobChanged: Bool, openedToWork: Bool, trigger: @autoclosure () -> String,
    report: inout RematchReport, notices: inout [MatchingNotice]
  ) {
    if let total, sink == nil {
      report.eventsRaised += MatchEventPolicy.count(
        previous: previous, current: total, thresholds: thresholds, inPipeline: inPipeline,
        jobChanged: jobChanged, openedToWork: openedToWork)
      return
    }
    var events = MatchEventPolicy.events(
      previous: previous, current: total ?? 0, thresholds: thresholds,
      inPipeline: inPipeline, jobChanged: jobChanged, openedToWork: openedToWork)
    if total == nil { events.removeAll { $0.kind != .pipelineCandidateChanged } }
    guard !events.isEmpty else { return }
    report.eventsRaised += events.count
    guard sink != nil else { return }
    let vacancy = vacancy()
    notices.append(
      MatchingNotice(
        candidateID: candidateID, vacancyID: vacancy.id, ownerUserID: vacancy.ownerUserID,
        previous: previous, points: total == nil ? nil : points(), events: events,
        trigger: trigger(), vacancyTitle: vacancy.title))
  }

  /// Hands one candidate's notices of this pass to the sink (in the scores' transaction) and empties them.
  private func deliver(_ notices: inout [MatchingNotice], in connection: Connection) throws {
    guard !notices.isEmpty, let sink else { return }
    try sink(notices, connection)
    notices.removeAll(keepingCapacity: true)
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

  /// The stored profile of a candidate whose cached feature snapshot did not decode (damaged, or written
  /// by another version), so that the candidate is scored from the profile instead of being skipped
  /// until the snapshot is replaced; nil when the input already carried its profile or had no snapshot.
  private static func profileBehindSnapshot(_ input: MatchingCandidate, _ connection: Connection)
    throws -> String?
  {
    guard input.snapshot != nil else { return nil }
    return try MatchingStore.profiles(ids: [input.id], in: connection)[input.id]
  }

  /// A stored profile, or nil when unreadable.
  private static func profile(_ text: String) -> CandidateProfile? {
    try? JSONDecoder().decode(CandidateProfile.self, from: Data(text.utf8))
  }

  /// `MODEL/DIGEST`: the model version and the SHA-256 (hex, first 16 digits) of the synonym tables in
  /// a canonical form, so snapshots built with other tables or another model are not reused.
  static func basis(of synonyms: MatchingSynonyms) -> String {
    var text = ""
    for (name, table) in [
      ("skills", synonyms.skills), ("titles", synonyms.titles), ("locations", synonyms.locations),
    ] {
      text += "[\(name)]\n"
      for key in table.synonyms.keys.sorted() {
        text += key + "=" + (table.synonyms[key] ?? []).joined(separator: "|") + "\n"
      }
      text += "stop=" + table.stopWords.sorted().joined(separator: "|") + "\n"
    }
    let digest = SHA256Digest.hex(SHA256Digest.hash(Array(text.utf8)))
    return "\(Matcher.currentModelVersion)/\(digest.prefix(16))"
  }
}
