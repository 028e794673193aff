import Domain
import Foundation
import Testing

private typealias F = PlannerFixtures

@Test(
  "activity exactly 14 days ago is active; one second more is pipeline; closed vacancies are dormant"
)
func tierAtTheActiveBoundary() {
  let atBoundary = PlanningCandidate.Membership(
    vacancyOpen: true, lastActivityAt: F.daysFromNow(-14))
  let pastBoundary = PlanningCandidate.Membership(
    vacancyOpen: true, lastActivityAt: F.daysFromNow(-14).addingTimeInterval(-1))
  let closed = PlanningCandidate.Membership(vacancyOpen: false, lastActivityAt: F.daysFromNow(-1))
  let neverActive = PlanningCandidate.Membership(vacancyOpen: true, lastActivityAt: nil)
  func tier(_ memberships: [PlanningCandidate.Membership]) -> RefreshTier {
    RefreshTier.derive(memberships: memberships, now: F.now, activeDays: 14)
  }
  #expect(tier([atBoundary]) == .active)
  #expect(tier([pastBoundary]) == .pipeline)
  #expect(tier([neverActive]) == .pipeline)
  #expect(tier([closed]) == .dormant)
  #expect(tier([]) == .dormant)
  #expect(tier([closed, pastBoundary, atBoundary]) == .active)
}

@Test("the timer makes active records due at 7 days, pipeline at 30, and dormant never")
func stalenessLimitsPerTier() throws {
  let candidates = [
    F.candidate(1, verifiedDaysAgo: 7, memberships: [F.active()]),
    F.candidate(2, verifiedDaysAgo: 7 - 1.0 / 86_400, memberships: [F.active()]),
    F.candidate(3, verifiedDaysAgo: 30, memberships: [F.idle]),
    F.candidate(4, verifiedDaysAgo: 29, memberships: [F.idle]),
    F.candidate(5, verifiedDaysAgo: 1_000),
  ]
  let plan = try F.plan(candidates)
  #expect(plan.item(1)?.decision == .refresh)
  #expect(plan.item(1)?.reason.code == "staleness_limit_passed")
  #expect(plan.item(2)?.decision == .skip)
  #expect(plan.item(2)?.reason.code == "up_to_date")
  #expect(plan.item(3)?.decision == .refresh)
  #expect(plan.item(3)?.tier == .pipeline)
  #expect(plan.item(4)?.decision == .skip)
  #expect(plan.item(5)?.decision == .skip)
  #expect(plan.item(5)?.tier == .dormant)
  #expect(
    plan.item(1)?.reason.sentence
      == "Last verified 2026-11-24, past the 7-day limit for an active pipeline candidate.")
  #expect(
    plan.item(5)?.reason.sentence
      == "Up to date: verified 2024-03-06; dormant candidate (no open pipeline), refreshed only when a "
      + "signal arrives.")
}

@Test("a signal newer than the record makes it due and says so in a sentence")
func newerSignalMakesDue() throws {
  let verified = Date(timeIntervalSince1970: 1_793_577_600)  // 2026-11-02T00:00:00Z
  let candidate = PlanningCandidate(id: 7, lastVerifiedAt: verified, memberships: [F.active()])
  let signal = F.signal(70, for: 7, .jobChanged, daysAgo: 1)
  let item = try #require(try F.plan([candidate], [signal]).item(7))
  #expect(item.decision == .refresh)
  #expect(item.signalIDs == [70])
  #expect(item.credits == 1)
  #expect(item.reason.code == "signal_newer_than_record")
  #expect(
    item.reason.sentence
      == "Job change detected 2026-11-30 is newer than the record (verified 2026-11-02); active pipeline "
      + "candidate.")
}

@Test("a signal older than the record is skipped with its reason and kept, not deleted")
func staleSignalIsSkipped() throws {
  let candidate = F.candidate(8, verifiedDaysAgo: 2)
  let item = try #require(
    try F.plan([candidate], [F.signal(80, for: 8, .jobChanged, daysAgo: 3)]).item(8))
  #expect(item.decision == .skip)
  #expect(item.reason.code == "signal_older_than_record")
  #expect(item.olderSignalIDs == [80])
  #expect(item.signalIDs.isEmpty)
  #expect(item.reason.sentence.contains("signal older than the record"))
}

@Test("several signals for one person coalesce into one refresh named by the most valuable kind")
func signalsCoalesce() throws {
  let candidate = F.candidate(9, verifiedDaysAgo: 10, memberships: [F.idle])
  let signals = [
    F.signal(93, for: 9, .profileChanged, daysAgo: 1),
    F.signal(91, for: 9, .changed, daysAgo: 5),
    F.signal(92, for: 9, .jobChanged, daysAgo: 3),
    F.signal(90, for: 9, .openToWork, daysAgo: 12),
  ]
  let plan = try F.plan([candidate], signals)
  #expect(plan.items.count == 1)
  let item = try #require(plan.item(9))
  #expect(item.decision == .refresh)
  #expect(item.signalIDs == [91, 92, 93])
  #expect(item.olderSignalIDs == [90])
  #expect(item.priority?.cause == .jobChanged)
  #expect(item.priority?.since == F.daysFromNow(-5))
  #expect(item.reason.sentence.contains("3 signals coalesced into one refresh"))
  #expect(plan.totals.creditsPlanned == 1)
}

@Test("due items are served by tier, then signal kind, then age, then candidate id")
func priorityOrder() throws {
  let candidates = [
    F.candidate(1, verifiedDaysAgo: 3),  // dormant, job change
    F.candidate(2, verifiedDaysAgo: 3, memberships: [F.idle]),  // pipeline, job change
    F.candidate(3, verifiedDaysAgo: 3, memberships: [F.active()]),  // active, profile change
    F.candidate(4, verifiedDaysAgo: 3, memberships: [F.active()]),  // active, open to work
    F.candidate(5, verifiedDaysAgo: 3, memberships: [F.active()]),  // active, job change (newer)
    F.candidate(6, verifiedDaysAgo: 3, memberships: [F.active()]),  // active, job change (older)
    F.candidate(7, verifiedDaysAgo: 8, memberships: [F.active()]),  // active, timer only
    F.candidate(8, verifiedDaysAgo: 3, memberships: [F.active()]),  // active, notification only
    F.candidate(9, verifiedDaysAgo: 3, memberships: [F.active()]),  // same as 6: tie by id
  ]
  let signals = [
    F.signal(1, for: 1, .jobChanged, daysAgo: 1), F.signal(2, for: 2, .jobChanged, daysAgo: 1),
    F.signal(3, for: 3, .profileChanged, daysAgo: 1), F.signal(4, for: 4, .openToWork, daysAgo: 1),
    F.signal(5, for: 5, .jobChanged, daysAgo: 1), F.signal(6, for: 6, .jobChanged, daysAgo: 2),
    F.signal(8, for: 8, .changed, daysAgo: 1), F.signal(9, for: 9, .jobChanged, daysAgo: 2),
  ]
  let plan = try F.plan(candidates, signals)
  #expect(plan.items.map(\.candidateID) == [6, 9, 5, 4, 3, 8, 7, 2, 1])
  #expect(plan.items.allSatisfy { $0.decision == .refresh })
}

@Test(
  "a notification-only signal refreshes active and pipeline candidates but is kept for dormant ones"
)
func notificationOnlyForDormant() throws {
  let candidates = [
    F.candidate(1, verifiedDaysAgo: 3, memberships: [F.active()]),
    F.candidate(2, verifiedDaysAgo: 3, memberships: [F.idle]),
    F.candidate(3, verifiedDaysAgo: 3),
  ]
  let signals = [
    F.signal(10, for: 1, .changed, daysAgo: 1), F.signal(20, for: 2, .changed, daysAgo: 1),
    F.signal(30, for: 3, .changed, daysAgo: 1), F.signal(31, for: 3, .changed, daysAgo: 0.5),
  ]
  let plan = try F.plan(candidates, signals)
  #expect(plan.item(1)?.decision == .refresh)
  #expect(plan.item(2)?.decision == .refresh)
  let kept = try #require(plan.item(3))
  #expect(kept.decision == .skip)
  #expect(kept.reason.code == "notification_only_dormant")
  #expect(kept.signalIDs == [30, 31])
  #expect(kept.reason.sentence.hasPrefix("Kept: 2 change notifications (latest 2026-11-30)"))

  var flagOn = PlannerPolicy.delta
  flagOn.notificationOnlyRefreshesDormant = true
  let refreshed = try #require(try F.plan(candidates, signals, policy: flagOn).item(3))
  #expect(refreshed.decision == .refresh)
  #expect(refreshed.signalIDs == [30, 31])

  // A signal with data still refreshes a dormant candidate, coalescing the kept notifications.
  let withData = signals + [F.signal(32, for: 3, .jobChanged, daysAgo: 0.25)]
  let item = try #require(try F.plan(candidates, withData).item(3))
  #expect(item.decision == .refresh)
  #expect(item.signalIDs == [30, 31, 32])
}

@Test("a record whose retention purge is due within 7 days is never refreshed; 8 days out it is")
func retentionGuard() throws {
  let candidates = [
    F.candidate(1, verifiedDaysAgo: 20, memberships: [F.active()], purgeInDays: 6),
    F.candidate(2, verifiedDaysAgo: 20, memberships: [F.active()], purgeInDays: 8),
    F.candidate(3, verifiedDaysAgo: 20, memberships: [F.active()], purgeInDays: -1),
  ]
  let signals = [F.signal(10, for: 1, .jobChanged, daysAgo: 1)]
  let plan = try F.plan(candidates, signals)
  let guarded = try #require(plan.item(1))
  #expect(guarded.decision == .skip)
  #expect(guarded.signalIDs == [10])
  #expect(guarded.reason == .retentionGuard(purgeAt: F.daysFromNow(6), guardDays: 7))
  #expect(
    guarded.reason.sentence == "Skipped: retention purge due 2026-12-07, within the 7-day guard.")
  #expect(plan.item(2)?.decision == .refresh)
  #expect(plan.item(3)?.decision == .skip)
}

@Test("a record that was never verified is due whatever its tier")
func neverVerifiedIsDue() throws {
  let plan = try F.plan([F.candidate(1, verifiedDaysAgo: nil)])
  #expect(plan.item(1)?.decision == .refresh)
  #expect(plan.item(1)?.reason.code == "never_verified")
  #expect(
    plan.item(1)?.reason.sentence
      == "The record has never been verified; dormant candidate (no open pipeline).")
}

@Test("the blind-timer policy ignores signals and says so")
func blindTimerIgnoresSignals() throws {
  let candidates = [F.candidate(1, verifiedDaysAgo: 3), F.candidate(2, verifiedDaysAgo: 31)]
  let signals = [F.signal(10, for: 1, .jobChanged, daysAgo: 1)]
  let plan = try F.plan(candidates, signals, policy: .blindTimer)
  #expect(plan.item(1)?.decision == .skip)
  #expect(plan.item(1)?.reason.code == "signals_ignored_by_policy")
  #expect(plan.item(1)?.signalIDs == [10])
  #expect(plan.item(2)?.decision == .refresh)
}

@Test(
  "the timer runs from our own last fetch too: old provider data fetched yesterday is not re-bought, while a signal newer than the provider's data still makes it due"
)
func timerRunsFromTheLaterOfProviderFreshnessAndOurFetch() throws {
  let providerFreshness = F.daysFromNow(-20)
  let fetchedYesterday = F.daysFromNow(-1)
  let quiet = PlanningCandidate(
    id: 1, lastVerifiedAt: providerFreshness, lastFetchedAt: fetchedYesterday,
    memberships: [F.active()])
  let signalled = PlanningCandidate(
    id: 2, lastVerifiedAt: providerFreshness, lastFetchedAt: fetchedYesterday,
    memberships: [F.active()])
  let fetchedLongAgo = PlanningCandidate(
    id: 3, lastVerifiedAt: providerFreshness, lastFetchedAt: F.daysFromNow(-7),
    memberships: [F.active()])
  let plan = try F.plan(
    [quiet, signalled, fetchedLongAgo], [F.signal(20, for: 2, .jobChanged, daysAgo: 3)])
  #expect(plan.item(1)?.decision == .skip)
  #expect(plan.item(1)?.reason.code == "up_to_date")
  #expect(plan.item(2)?.decision == .refresh)
  #expect(plan.item(2)?.reason.code == "signal_newer_than_record")
  #expect(plan.item(3)?.decision == .refresh)
  #expect(plan.item(3)?.reason.code == "staleness_limit_passed")
}
