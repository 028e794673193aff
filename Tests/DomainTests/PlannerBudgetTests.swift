import Domain
import Foundation
import Testing

private typealias F = PlannerFixtures

/// Five due candidates: ids 1–5 with job changes, served 1, 2, 3, 4, 5 (older signals first).
private func fiveDue(verifiedDaysAgo: Double = 3) -> ([PlanningCandidate], [PlanningSignal]) {
  let candidates = (1...5).map {
    F.candidate(Int64($0), verifiedDaysAgo: verifiedDaysAgo, memberships: [F.active()])
  }
  let signals = (1...5).map {
    F.signal(Int64($0 * 10), for: Int64($0), .jobChanged, daysAgo: 2 - Double($0) * 0.1)
  }
  return (candidates, signals)
}

@Test("when the budget runs out, lower-priority items wait in priority order and say why")
func exhaustedBudgetMakesItemsWait() throws {
  let (candidates, signals) = fiveDue()
  let budget = CreditBudget(dailyLimit: 500, spentToday: 497, day: F.now)
  let plan = try F.plan(candidates, signals, budget: budget)
  #expect(plan.creditsAvailable == 3)
  #expect(plan.items.map(\.candidateID) == [1, 2, 3, 4, 5])
  #expect(
    plan.items.map(\.decision) == [.refresh, .refresh, .refresh, .waitForBudget, .waitForBudget])
  #expect(
    plan.totals
      == Plan.Totals(refresh: 3, waitForBudget: 2, skip: 0, creditsPlanned: 3, creditsWaiting: 2))
  #expect(plan.budgetAfter.spentToday == 500)
  let waiting = try #require(plan.item(5))
  #expect(waiting.reason.code == "waiting_for_budget")
  #expect(waiting.reason.dueReason.code == "signal_newer_than_record")
  #expect(waiting.signalIDs == [50])
  #expect(
    waiting.reason.sentence.hasPrefix(
      "Waiting: today's 500-credit budget is spent; 2nd in line for tomorrow (2026-12-02). Due because: Job change"
    ))
}

@Test("waiting items carry over: the next UTC day's reset budget refreshes them first, in order")
func waitingItemsCarryOver() throws {
  let (candidates, signals) = fiveDue()
  let first = try F.plan(candidates, signals, budget: CreditBudget(dailyLimit: 2, day: F.now))
  #expect(first.items.filter { $0.decision == .refresh }.map(\.candidateID) == [1, 2])
  #expect(first.items.filter { $0.decision == .waitForBudget }.map(\.candidateID) == [3, 4, 5])

  // A second run the same day has nothing left: everything due waits.
  let sameDay = try F.plan(
    candidates, signals, budget: first.budgetAfter, at: F.now.addingTimeInterval(3600))
  #expect(sameDay.creditsAvailable == 0)
  #expect(sameDay.totals.waitForBudget == 5)

  // Next day: the refreshed records were verified at the first run; the waiting ones are served first.
  let refreshed = Set(first.items.filter { $0.decision == .refresh }.map(\.candidateID))
  let nextDayCandidates = candidates.map { candidate in
    var updated = candidate
    if refreshed.contains(candidate.id) { updated.lastVerifiedAt = F.now }
    return updated
  }
  let tomorrow = F.daysFromNow(1)
  let second = try F.plan(nextDayCandidates, signals, budget: first.budgetAfter, at: tomorrow)
  #expect(second.creditsAvailable == 2)
  #expect(second.items.map(\.candidateID) == [3, 4, 5, 1, 2])
  #expect(second.items.map(\.decision) == [.refresh, .refresh, .waitForBudget, .skip, .skip])
  #expect(second.item(5)?.reason.sentence.contains("1st in line") == true)
  #expect(second.item(1)?.reason.code == "signal_older_than_record")
}

@Test("a budget rolls over at 00:00 UTC, not 24 hours after the last spend")
func budgetDayBoundary() {
  let lateEvening = Date(timeIntervalSince1970: 1_796_083_199)  // 2026-11-30T23:59:59Z
  let budget = CreditBudget(dailyLimit: 10, spentToday: 10, day: lateEvening)
  #expect(budget.available(at: lateEvening) == 0)
  #expect(budget.available(at: lateEvening.addingTimeInterval(1)) == 10)
  #expect(budget.nextReset(after: lateEvening) == lateEvening.addingTimeInterval(1))
  let spent = budget.spending(4, at: lateEvening.addingTimeInterval(2))
  #expect(spent.spentToday == 4)
  #expect(spent.available(at: lateEvening.addingTimeInterval(2)) == 6)
}
