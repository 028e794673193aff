import Domain
import Enrichment
import Foundation
import Logging
import Storage

/// Executes planned refreshes: claims items in short transactions, calls the provider outside any
/// transaction, and commits each answer (record update, change events, item done, settled signals) in one
/// transaction.
///
/// Crash safety. An item is `in_flight` from its claim until the transaction that writes the record and
/// marks it done. After a crash, `recover()` applies one rule to every in_flight item: **if the
/// candidate's `enriched_at` is at or after the item's `started_at`, the item is done** (the answer was
/// committed: by this executor, whose record write and `done` are atomic, or by another path such as a
/// human add) **and no call is made; otherwise it goes back to planned and is re-run.** So nothing is lost
/// (every item ends done or failed) and nothing committed is paid for again. The one window the rule
/// cannot close is a kill after the provider billed a call and before our commit (microseconds after the
/// response arrives): the answer was never stored, so re-running is the only way not to lose it. Run one
/// executor per database at a time (`serve` or `refresh run`): recovery resets every in_flight item.
struct RefreshExecutor: Sendable {
  /// The database.
  let database: Database
  /// The provider client (batched, rate-limited, retried inside).
  let enricher: any PersonEnricher
  /// Time.
  let clock: any Clock
  /// Where progress is logged (candidate ids only).
  let logger: Logger
  /// Items per provider call (`provider.batch_size`).
  var batchSize = 25
  /// Attempts before an item fails for good on transient errors.
  var maxAttempts = 3
  /// Record reads and writes.
  var writer = RefreshRecordWriter.candidateStore
  /// The diff of old and new profiles.
  var detector = ChangeDetector()
  /// Writes recruiter notifications for change events in the same transaction; nil notifies nobody.
  var notifications: ChangeNotifications?
  /// Audit entries for refreshes; nil writes none.
  var audit: AuditTrail?

  /// Resolves items a stopped run left in flight (see the type's rule).
  func recover() async throws -> (done: Int, replanned: Int) {
    let now = clock.now()
    return try await database.write { connection in
      try connection.transaction { try PlanItemStore.recoverInFlight(at: now, in: connection) }
    }
  }

  /// Executes up to `limit` planned items in service order; stops at the first failed provider call
  /// (its items go back to planned, or fail for good after `maxAttempts`).
  func execute(limit: Int = .max) async throws -> RefreshRunSummary {
    var summary = RefreshRunSummary()
    var remaining = limit
    while remaining > 0, !Task.isCancelled {
      let startedAt = clock.now()
      let count = min(batchSize, remaining)
      let writer = writer
      let claimed = try await database.write { connection in
        try connection.transaction {
          try PlanItemStore.claim(limit: count, startedAt: startedAt, in: connection).map {
            item -> (StoredPlanItem, PlanningRefreshTarget?) in
            (item, try writer.target(item.candidateID, connection))
          }
        }
      }
      if claimed.isEmpty { break }
      remaining -= claimed.count
      summary.claimed += claimed.count
      var callable: [(StoredPlanItem, String, CandidateProfile?)] = []
      for (item, target) in claimed {
        guard let target, let url = target.profileURL else {
          try await fail(item, reason: "no_profile_url", summary: &summary)
          continue
        }
        callable.append((item, url, target.profile))
      }
      if callable.isEmpty { continue }
      let outcomes: [EnrichmentOutcome]
      do {
        summary.providerCalls += 1
        outcomes = try await enricher.enrich(
          profileURLs: callable.map(\.1),
          purpose: EnrichmentPurpose(reason: "refresh", candidateIDs: callable.map(\.0.candidateID))
        )
      } catch {
        logger.warning(
          "refresh batch failed",
          ["error.kind": .string(error.kind.rawValue), "batch.size": .integer(callable.count)])
        for (item, _, _) in callable {
          if item.attempts >= maxAttempts {
            try await fail(item, reason: error.kind.rawValue, summary: &summary)
          } else {
            try await release(item, reason: error.kind.rawValue, summary: &summary)
          }
        }
        // Leave the rest for the next run rather than hammering a provider that just failed.
        break
      }
      var byURL: [String: EnrichmentOutcome.Result] = [:]
      for outcome in outcomes { byURL[outcome.requestedURL] = outcome.result }
      for (item, url, _) in callable {
        switch byURL[url] {
        case .matched(let person):
          do {
            summary.changeEvents += try await complete(item, person: person)
            summary.done += 1
          } catch is CandidateGone {
            // Erased while the provider answered: the item went with the record; nothing to record.
            summary.dropped += 1
            logger.notice(
              "refresh answer dropped: the candidate is gone",
              ["candidate.id": .integer(Int(item.candidateID))])
          } catch {
            try await fail(item, reason: "record_write_failed", summary: &summary)
          }
        case .noMatch:
          try await fail(item, reason: "no_match", summary: &summary)
        case .invalidURL:
          try await fail(item, reason: "invalid_url", summary: &summary)
        case .unreadable:
          try await fail(item, reason: "unreadable_answer", summary: &summary)
        case .unanswered, nil:
          try await release(item, reason: "missing_from_response", summary: &summary)
        }
      }
    }
    return summary
  }

  /// Recovers, then executes: what `refresh run` and the service do after planning.
  func run(limit: Int = .max) async throws -> RefreshRunSummary {
    let recovered = try await recover()
    var summary = try await execute(limit: limit)
    summary.recoveredDone = recovered.done
    summary.recoveredReplanned = recovered.replanned
    return summary
  }

  /// Commits one answer: the record, its change events, the item done and its signals settled, in one
  /// transaction. Returns the number of change events.
  private func complete(_ item: StoredPlanItem, person: EnrichedPerson) async throws -> Int {
    let now = clock.now()
    let writer = writer
    let detector = detector
    let notifications = notifications
    let audit = audit
    return try await database.write { connection in
      try connection.transaction {
        // The candidate may have been erased (or purged) while the provider answered: then nothing is
        // written, and the answer never re-creates the record (SQLite could even hand out its id again).
        guard let target = try writer.target(item.candidateID, connection) else {
          throw CandidateGone()
        }
        let before = target.profile
        // An answer without employment leaves the record's position and history as they were.
        let person = person.keepingEmployment(of: before)
        let verifiedAt = try writer.apply(item.candidateID, person, now, connection)
        let events = detector.changes(from: before, to: person.profile)
        try ChangeEventStore.append(
          events, candidateID: item.candidateID, planItemID: item.id, at: now, in: connection)
        try notifications?.enqueue(
          candidateID: item.candidateID, events: events, now: now, in: connection)
        try audit?.record(
          .refresh, candidateID: item.candidateID, actor: "talentwatch:refresh", at: now,
          details: [
            "plan_item_id": String(item.id), "signals": String(item.signalIDs.count),
            "changes": events.map(\.kind.rawValue).joined(separator: ","),
          ], in: connection)
        try PlanItemStore.markDone(id: item.id, at: now, in: connection)
        try PlanningInputStore.settle(
          candidateID: item.candidateID, signalIDs: item.signalIDs, verifiedAt: verifiedAt,
          in: connection)
        return events.count
      }
    }
  }

  /// Fails an item for good with a `refresh.failed` change event naming the reason (never a payload).
  private func fail(_ item: StoredPlanItem, reason: String, summary: inout RefreshRunSummary)
    async throws
  {
    let now = clock.now()
    let notifications = notifications
    try await database.write { connection in
      try connection.transaction {
        try PlanItemStore.markFailed(id: item.id, error: reason, at: now, in: connection)
        let failed = [ChangeEvent(kind: .refreshFailed, before: nil, after: reason)]
        try ChangeEventStore.append(
          failed, candidateID: item.candidateID, planItemID: item.id, at: now, in: connection)
        try notifications?.enqueue(
          candidateID: item.candidateID, events: failed, now: now, in: connection)
      }
    }
    summary.failed += 1
    summary.changeEvents += 1
    logger.warning(
      "refresh failed for good",
      ["candidate.id": .integer(Int(item.candidateID)), "error.kind": .string(reason)])
  }

  /// Puts an item back to planned for a later attempt.
  private func release(_ item: StoredPlanItem, reason: String, summary: inout RefreshRunSummary)
    async throws
  {
    try await database.write { connection in
      try PlanItemStore.release(id: item.id, error: reason, in: connection)
    }
    summary.retried += 1
  }
}

/// The refreshed candidate no longer exists (erased or purged during the provider call).
struct CandidateGone: Error {}
