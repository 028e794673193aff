public import Domain
public import Foundation

/// Reads the planner's input: only rows that can be due, through indexes, never a scan of every candidate.
///
/// Three indexed reads, then one lookup per selected candidate by primary key:
/// 1. `planning_signals` (the queue a trigger fills from `signals`), joined to `candidates` by id;
/// 2. pipeline entries of open vacancies (`vacancies_open`, `pipeline_by_vacancy`) whose candidate is past
///    the pipeline deadline, or past the active deadline with activity inside the active window;
/// 3. `candidates_by_last_verified` for never-verified records (NULL) and, only when the policy gives
///    dormant records a timer, up to the dormant deadline.
/// Each selected candidate's open memberships come from the unique `(candidate_id, vacancy_id)` index.
public enum PlanningInputStore {
  /// SQL of the queue read (exposed so tests can check its query plan).
  public static let queuedSignalsSQL = """
    SELECT q.signal_id, q.candidate_id, q.kind, q.detected_at FROM planning_signals q
    ORDER BY q.candidate_id, q.detected_at, q.signal_id
    """

  /// SQL of the staleness read over open pipelines: parameters are the pipeline deadline, the active
  /// window start and the active deadline (Unix ms); NULL deadlines never match. `CROSS JOIN` fixes the
  /// order (open pipeline entries drive, candidates by primary key), so the read is bounded by the size of
  /// the open pipelines whatever the statistics say.
  public static let stalePipelineSQL = """
    SELECT DISTINCT e.candidate_id FROM pipeline_entries e
    CROSS JOIN candidates c ON c.id = e.candidate_id
    WHERE e.vacancy_id IN (SELECT id FROM vacancies WHERE is_open = 1)
      AND (c.last_verified_at IS NULL
        OR (c.last_verified_at <= ?1 AND coalesce(c.enriched_at, 0) <= ?1)
        OR (e.last_activity_at >= ?2 AND c.last_verified_at <= ?3
          AND coalesce(c.enriched_at, 0) <= ?3))
    """

  /// SQL of the never-verified read.
  public static let neverVerifiedSQL = "SELECT id FROM candidates WHERE last_verified_at IS NULL"

  /// SQL of the dormant-timer read (only run when the policy has a dormant staleness limit).
  public static let staleAnySQL = """
    SELECT id FROM candidates WHERE last_verified_at <= ?1 AND coalesce(enriched_at, 0) <= ?1
    """

  /// SQL of one candidate's record and open memberships.
  static let candidateSQL = """
    SELECT c.last_verified_at, c.sourced_at, c.contacted_at, c.art14_notice_sent_at, c.enriched_at
    FROM candidates c WHERE c.id = ?1
    """

  /// SQL of one candidate's pipeline memberships in open vacancies.
  static let membershipSQL = """
    SELECT e.last_activity_at FROM pipeline_entries e JOIN vacancies v ON v.id = e.vacancy_id
    WHERE e.candidate_id = ?1 AND v.is_open = 1
    """

  /// Loads the input for `policy` at `now`; `retentionPurgeAt` dates each selected record's purge (the
  /// compliance retention rule), nil for none.
  public static func load(
    policy: PlannerPolicy, now: Date,
    retentionPurgeAt: (PlanningRetentionFacts) -> Date?, in connection: Connection
  ) throws -> PlanningInput {
    var ids = Set<Int64>()
    var signals: [PlanningSignal] = []
    try connection.forEach(queuedSignalsSQL) { row in
      guard let id = row.int(0), let candidateID = row.int(1),
        let kind = row.text(2).flatMap(Signal.Kind.init(rawValue:)), let detectedAt = row.date(3)
      else { return }
      signals.append(
        PlanningSignal(id: id, candidateID: candidateID, kind: kind, detectedAt: detectedAt))
      ids.insert(candidateID)
    }

    let day = PlanCalendar.secondsPerDay
    func deadline(_ days: Int?) -> SQLValue {
      days.map { .date(now.addingTimeInterval(-Double($0) * day)) } ?? .null
    }
    try connection.forEach(
      stalePipelineSQL,
      [
        deadline(policy.pipelineMaxStalenessDays), deadline(policy.activeDays),
        deadline(policy.activeMaxStalenessDays),
      ]
    ) { row in
      if let id = row.int(0) { ids.insert(id) }
    }
    try connection.forEach(neverVerifiedSQL) { row in
      if let id = row.int(0) { ids.insert(id) }
    }
    if let dormantDays = policy.dormantMaxStalenessDays {
      try connection.forEach(staleAnySQL, [deadline(dormantDays)]) { row in
        if let id = row.int(0) { ids.insert(id) }
      }
    }

    var candidates: [PlanningCandidate] = []
    candidates.reserveCapacity(ids.count)
    for id in ids.sorted() {
      guard let row = try connection.queryOne(candidateSQL, [.integer(id)]) else { continue }
      var memberships: [PlanningCandidate.Membership] = []
      try connection.forEach(membershipSQL, [.integer(id)]) { membership in
        memberships.append(
          PlanningCandidate.Membership(vacancyOpen: true, lastActivityAt: membership.date(0)))
      }
      let facts = PlanningRetentionFacts(
        candidateID: id, sourcedAt: row.date(1), contactedAt: row.date(2),
        art14NoticeSentAt: row.date(3))
      candidates.append(
        PlanningCandidate(
          id: id, lastVerifiedAt: row.date(0), lastFetchedAt: row.date(4),
          retentionPurgeAt: retentionPurgeAt(facts),
          memberships: memberships))
    }
    return PlanningInput(
      candidates: candidates, signals: signals,
      creditsSpentToday: try creditsSpent(onDayOf: now, in: connection))
  }

  /// Credits the ledger shows spent on the UTC day of `now` (`CreditLedgerStore.total`), rounded up to
  /// whole credits.
  public static func creditsSpent(onDayOf now: Date, in connection: Connection) throws -> Int {
    let total = try CreditLedgerStore.total(onDayOf: now, in: connection)
    return total.isFinite && total > 0 ? Int(min(total.rounded(.up), Double(Int.max / 2))) : 0
  }

  /// Removes queued signals that no longer need planning: those the plan found older than their record
  /// (`olderSignalIDs`; kept in `signals`). Returns how many were removed.
  @discardableResult
  public static func dequeue(signalIDs: [Int64], in connection: Connection) throws -> Int {
    var removed = 0
    for id in signalIDs {
      try connection.run("DELETE FROM planning_signals WHERE signal_id = ?", [.integer(id)])
      removed += connection.changes
    }
    return removed
  }

  /// Removes a refreshed candidate's queued signals: the ones the refresh settled by id, and any detected
  /// at or before the record's new `verifiedAt`. Returns how many were removed.
  @discardableResult
  public static func settle(
    candidateID: Int64, signalIDs: [Int64], verifiedAt: Date, in connection: Connection
  ) throws -> Int {
    var removed = try dequeue(signalIDs: signalIDs, in: connection)
    try connection.run(
      "DELETE FROM planning_signals WHERE candidate_id = ? AND detected_at <= ?",
      [.integer(candidateID), .date(verifiedAt)])
    removed += connection.changes
    return removed
  }
}
