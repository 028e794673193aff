import Domain
import Enrichment
import Foundation
import Logging
import Storage
import Testing

@testable import App

/// The refresh executor in-process against a counting provider: state machine, change events, retention
/// clocks, failure, and the crash-recovery rule.
@Suite("refresh executor: planned → in_flight → done/failed, change events, crash recovery")
struct PlanRefreshExecutorTests {
  private let now = Date()

  private func profile(_ title: String, _ company: String, openToWork: Bool = false)
    -> CandidateProfile
  {
    CandidateProfile(
      name: "Person", currentTitle: title, currentCompany: company, skills: ["Swift"],
      openToWork: openToWork)
  }

  private func executor(
    _ database: Database, _ enricher: CountingEnricher, clock: any Clock
  ) -> RefreshExecutor {
    RefreshExecutor(
      database: database, enricher: enricher, clock: clock,
      logger: Logger(label: "test", sink: Logger.MemorySink()),
      batchSize: 2)
  }

  private func cycle(_ database: Database, _ executor: RefreshExecutor) -> RefreshCycle {
    RefreshCycle(
      builder: PlanBuilder(policy: .delta, creditsPerDay: nil), executor: executor)
  }

  @Test(
    "a refresh writes the record, a change event per change in the same transaction, moves last_verified_at and never the retention clocks"
  )
  func refreshWritesEvents() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let seed = try PlanTestDatabase(directory: directory, now: now)
    try seed.candidate(
      1, verifiedDaysAgo: 10, profile: profile("Engineer", "Acme"), contactedDaysAgo: 50)
    try seed.signal(candidate: 1, kind: .jobChanged, detectedDaysAgo: 1)
    let enricher = CountingEnricher(profiles: [
      PlanTestDatabase.url(1): profile("Staff Engineer", "Globex", openToWork: true)
    ])
    let database = try Database(path: seed.path)
    defer { database.close() }
    let clock = ManualClock(now)
    let (plan, summary) = try await cycle(database, executor(database, enricher, clock: clock))
      .run()
    #expect(plan.totals.refresh == 1)
    #expect(summary.done == 1 && summary.changeEvents == 2 && summary.providerCalls == 1)
    try await database.read { connection in
      let events = try ChangeEventStore.events(candidateID: 1, in: connection)
      #expect(events.map(\.event.kind) == [.jobChanged, .openToWorkChanged])
      #expect(events.first?.event.before == "Engineer at Acme")
      #expect(events.first?.event.after == "Staff Engineer at Globex")
      #expect(events.allSatisfy { $0.planItemID != nil })
      let row = try #require(
        try connection.queryOne(
          "SELECT last_verified_at, sourced_at, contacted_at, current_company FROM candidates WHERE id = 1"
        ))
      #expect(
        row.date(0)
          == Date(
            timeIntervalSince1970: (clock.now().timeIntervalSince1970 * 1000).rounded() / 1000))
      #expect(row.date(1) == seed.now.addingTimeInterval(-5 * 86_400).roundedToMilliseconds)
      #expect(row.date(2) == seed.now.addingTimeInterval(-50 * 86_400).roundedToMilliseconds)
      #expect(row.text(3) == "Globex")
      #expect(try PlanItemStore.counts(in: connection) == [.done: 1])
      #expect(try connection.queryOne("SELECT COUNT(*) FROM planning_signals")?.int(0) == 0)
    }
    // Nothing is due any more: a second cycle calls nobody.
    let (_, second) = try await cycle(database, executor(database, enricher, clock: clock)).run()
    #expect(second.providerCalls == 0)
    #expect(enricher.charged == [PlanTestDatabase.url(1): 1])
  }

  @Test(
    "no match fails the item for good with a refresh.failed change event; a provider outage retries, then fails after the attempts"
  )
  func failures() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let seed = try PlanTestDatabase(directory: directory, now: now)
    try seed.candidate(1, verifiedDaysAgo: nil)
    let enricher = CountingEnricher(profiles: [:])
    let database = try Database(path: seed.path)
    defer { database.close() }
    let clock = ManualClock(now)
    let (_, summary) = try await cycle(database, executor(database, enricher, clock: clock)).run()
    #expect(summary.failed == 1)
    try await database.read { connection in
      let events = try ChangeEventStore.events(candidateID: 1, in: connection)
      #expect(
        events.map(\.event) == [ChangeEvent(kind: .refreshFailed, before: nil, after: "no_match")])
      #expect(try PlanItemStore.counts(in: connection) == [.failed: 1])
    }

    try seed.candidate(2, verifiedDaysAgo: nil)
    enricher.failNext(10)
    var refresh = executor(database, enricher, clock: clock)
    refresh.maxAttempts = 2
    let (_, first) = try await cycle(database, refresh).run()
    #expect(first.retried == 1 && first.failed == 0)
    let (_, second) = try await cycle(database, refresh).run()
    #expect(second.failed == 1)
    try await database.read { connection in
      let events = try ChangeEventStore.events(candidateID: 2, in: connection)
      #expect(events.map(\.event.after) == ["unavailable"])
    }
  }

  @Test(
    "crash recovery: an in-flight item whose record was written after its start is done without a call; one whose record was not is re-run once"
  )
  func crashRecoveryRule() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let seed = try PlanTestDatabase(directory: directory, now: now)
    try seed.candidate(1, verifiedDaysAgo: nil)
    try seed.candidate(2, verifiedDaysAgo: nil)
    let enricher = CountingEnricher(profiles: [
      PlanTestDatabase.url(1): profile("A", "B"), PlanTestDatabase.url(2): profile("C", "D"),
    ])
    let database = try Database(path: seed.path)
    defer { database.close() }
    let clock = ManualClock(now)
    let builder = PlanBuilder(policy: .delta, creditsPerDay: nil)
    // A run that crashed: both items claimed; candidate 1's answer was committed (record written after
    // the claim, as the executor's transaction does), candidate 2's was not.
    let startedAt = clock.now()
    try await database.write { connection in
      try builder.record(try builder.plan(now: startedAt, in: connection), in: connection)
      let claimed = try PlanItemStore.claim(limit: 10, startedAt: startedAt, in: connection)
      #expect(claimed.count == 2)
      _ = try CandidateStore.upsert(
        CandidateEnrichment(
          provider: "crustdata", providerID: "p1", profileURL: PlanTestDatabase.url(1),
          profile: CandidateProfile(name: "Person"), fetchedAt: startedAt.addingTimeInterval(1)),
        in: connection)
    }
    clock.advance(by: 60)
    let summary = try await executor(database, enricher, clock: clock).run()
    #expect(summary.recoveredDone == 1 && summary.recoveredReplanned == 1)
    #expect(summary.done == 1)
    #expect(enricher.charged == [PlanTestDatabase.url(2): 1])
    let counts = try await database.read { try PlanItemStore.counts(in: $0) }
    #expect(counts == [.done: 2])
  }

  @Test("one refresh executor at a time per database; the lock goes with its holder")
  func refreshLock() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/tw.db"
    var first = RefreshLock.tryAcquire(databasePath: path)
    #expect(first != nil)
    #expect(RefreshLock.tryAcquire(databasePath: path) == nil, "a second executor got the lock")
    #expect(RefreshLock.tryAcquire(databasePath: directory.path + "/other.db") != nil)
    first = nil
    #expect(RefreshLock.tryAcquire(databasePath: path) != nil, "the released lock stayed taken")
  }

  @Test("a finished item is never finished again by a late second run")
  func finishedOnce() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let seed = try PlanTestDatabase(directory: directory, now: now)
    try seed.candidate(1, verifiedDaysAgo: nil)
    let database = try Database(path: seed.path)
    defer { database.close() }
    let builder = PlanBuilder(policy: .delta, creditsPerDay: nil)
    let item = try await database.write { connection in
      try builder.record(try builder.plan(now: now, in: connection), in: connection)
      let item = try #require(
        try PlanItemStore.claim(limit: 1, startedAt: now, in: connection).first)
      try PlanItemStore.markDone(id: item.id, at: now, in: connection)
      try PlanItemStore.markFailed(id: item.id, error: "late", at: now, in: connection)
      return item
    }
    let done = try await database.read { try PlanItemStore.items(in: .done, in: $0) }
    #expect(done.map(\.id) == [item.id])
  }
}

extension Date {
  /// The date as the database stores it: whole Unix milliseconds.
  var roundedToMilliseconds: Date {
    Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
  }
}
