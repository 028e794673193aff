import Domain
import Foundation
import Storage
import Testing

/// The planner's input from a real SQLite file: each rule of what can be due, and nothing else read.
@Suite("PlanningInputStore: reads only what can be due")
struct PlanningInputStoreTests {
  private let now = Date(timeIntervalSince1970: 1_796_000_000)

  private func load(_ fixture: PlanningFixture, policy: PlannerPolicy = .delta) throws
    -> PlanningInput
  {
    try PlanningInputStore.load(
      policy: policy, now: now, retentionPurgeAt: { _ in nil }, in: fixture.connection)
  }

  @Test(
    "a signal newer than the record brings the candidate and its signal; a dormant record without one stays unread"
  )
  func signalNewerThanRecord() throws {
    try withTemporaryDirectory { path in
      let fixture = try PlanningFixture.open(path, now: now)
      try fixture.candidate(1, verifiedDaysAgo: 10)
      try fixture.candidate(2, verifiedDaysAgo: 400)
      let signal = try fixture.signal(candidate: 1, detectedDaysAgo: 2)
      let input = try load(fixture)
      #expect(input.candidates.map(\.id) == [1])
      #expect(input.signals.map(\.id) == [signal])
      #expect(input.signals.first?.kind == .jobChanged)
    }
  }

  @Test(
    "a signal older than the record is read once, planned as kept, and dequeued when the plan is recorded"
  )
  func signalOlderThanRecord() throws {
    try withTemporaryDirectory { path in
      let fixture = try PlanningFixture.open(path, now: now)
      try fixture.candidate(1, verifiedDaysAgo: 1)
      let signal = try fixture.signal(candidate: 1, detectedDaysAgo: 5)
      let input = try load(fixture)
      let plan = try Planner().plan(
        candidates: input.candidates, signals: input.signals,
        budget: .unlimited(day: now), now: now)
      #expect(plan.items.map(\.decision) == [.skip])
      #expect(plan.items.first?.reason.code == "signal_older_than_record")
      #expect(plan.items.first?.olderSignalIDs == [signal])
      try PlanningInputStore.dequeue(signalIDs: [signal], in: fixture.connection)
      #expect(try load(fixture).candidates.isEmpty)
      #expect(try fixture.connection.queryOne("SELECT COUNT(*) FROM signals")?.int(0) == 1)
    }
  }

  @Test(
    "staleness per tier: active after 7 days, pipeline after 30, dormant never, closed vacancies ignored"
  )
  func stalenessPerTier() throws {
    try withTemporaryDirectory { path in
      let fixture = try PlanningFixture.open(path, now: now)
      try fixture.vacancy(1, open: true)
      try fixture.vacancy(2, open: false)
      // Active (activity 3 days ago): due at 8 days, not at 6.
      try fixture.candidate(10, verifiedDaysAgo: 8)
      try fixture.pipeline(candidate: 10, vacancy: 1, activityDaysAgo: 3)
      try fixture.candidate(11, verifiedDaysAgo: 6)
      try fixture.pipeline(candidate: 11, vacancy: 1, activityDaysAgo: 3)
      // Pipeline (activity 20 days ago): due at 31 days, not at 8.
      try fixture.candidate(20, verifiedDaysAgo: 31)
      try fixture.pipeline(candidate: 20, vacancy: 1, activityDaysAgo: 20)
      try fixture.candidate(21, verifiedDaysAgo: 8)
      try fixture.pipeline(candidate: 21, vacancy: 1, activityDaysAgo: 20)
      // Dormant: only a closed vacancy, or none; never on a timer.
      try fixture.candidate(30, verifiedDaysAgo: 400)
      try fixture.pipeline(candidate: 30, vacancy: 2, activityDaysAgo: 1)
      try fixture.candidate(31, verifiedDaysAgo: 900)
      // Never verified: always read.
      try fixture.candidate(40, verifiedDaysAgo: nil)

      let input = try load(fixture)
      #expect(input.candidates.map(\.id) == [10, 20, 40])
      let active = try #require(input.candidates.first { $0.id == 10 })
      #expect(active.memberships.count == 1)
      #expect(
        RefreshTier.derive(memberships: active.memberships, now: now, activeDays: 14) == .active)

      var withDormantTimer = PlannerPolicy.delta
      withDormantTimer.dormantMaxStalenessDays = 365
      #expect(
        try load(fixture, policy: withDormantTimer).candidates.map(\.id) == [10, 20, 30, 31, 40])
    }
  }

  @Test("retention facts reach the purge closure and today's ledger spending is summed")
  func retentionAndBudget() throws {
    try withTemporaryDirectory { path in
      let fixture = try PlanningFixture.open(path, now: now)
      try fixture.candidate(1, verifiedDaysAgo: nil)
      try fixture.connection.run(
        """
        INSERT INTO credit_ledger (at, day, operation, credits, candidate_ids, purpose)
        VALUES (?, ?, 'enrich', 2.5, '[1]', 'refresh'), (?, ?, 'enrich', 1, '[2]', 'refresh'),
          (?, ?, 'enrich', 7, '[3]', 'refresh')
        """,
        [
          .date(now), .text(PlanCalendar.dayString(now)), .date(now),
          .text(PlanCalendar.dayString(now)),
          .date(fixture.daysAgo(1)), .text(PlanCalendar.dayString(fixture.daysAgo(1))),
        ])
      let purge = fixture.daysAgo(-3)
      let input = try PlanningInputStore.load(
        policy: .delta, now: now,
        retentionPurgeAt: { facts in facts.sourcedAt == fixture.daysAgo(100) ? purge : nil },
        in: fixture.connection)
      #expect(input.candidates.first?.retentionPurgeAt == purge)
      #expect(input.creditsSpentToday == 4)
    }
  }

  @Test("every read uses an index: no full scan of candidates or signals in any query plan")
  func queryPlansUseIndexes() throws {
    try withTemporaryDirectory { path in
      let fixture = try PlanningFixture.open(path, now: now)
      for id in 1...50 { try fixture.candidate(Int64(id), verifiedDaysAgo: Double(id)) }
      try fixture.connection.execute("ANALYZE")
      let pipeline = try fixture.queryPlan(
        PlanningInputStore.stalePipelineSQL, [.date(now), .date(now), .date(now)])
      #expect(pipeline.contains { $0.contains("vacancies USING INDEX vacancies_open") })
      #expect(pipeline.contains { $0.contains("USING INDEX pipeline_by_vacancy") }, "\(pipeline)")
      #expect(pipeline.contains { $0.hasPrefix("SEARCH c USING INTEGER PRIMARY KEY") })
      let never = try fixture.queryPlan(PlanningInputStore.neverVerifiedSQL)
      #expect(never.contains { $0.contains("candidates_by_last_verified") })
      let dormant = try fixture.queryPlan(PlanningInputStore.staleAnySQL, [.date(now)])
      #expect(dormant.contains { $0.contains("candidates_by_last_verified") })
      let queue = try fixture.queryPlan(PlanningInputStore.queuedSignalsSQL)
      #expect(queue.allSatisfy { !$0.contains("signals ") || $0.contains("planning_signals") })
      for detail in pipeline + never + dormant + queue {
        #expect(!detail.hasPrefix("SCAN candidates"), "full scan: \(detail)")
        #expect(!detail.hasPrefix("SCAN signals"), "full scan: \(detail)")
      }
    }
  }
}
