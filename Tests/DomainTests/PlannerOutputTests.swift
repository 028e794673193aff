import Domain
import Foundation
import Testing

private typealias F = PlannerFixtures

/// One candidate for each reason the planner gives, with a tight budget so some wait.
private func everyReason() -> ([PlanningCandidate], [PlanningSignal]) {
  let candidates = [
    F.candidate(1, verifiedDaysAgo: 3, memberships: [F.active()]),  // signal
    F.candidate(2, verifiedDaysAgo: 9, memberships: [F.active()]),  // staleness limit (waits)
    F.candidate(3, verifiedDaysAgo: nil),  // never verified (waits)
    F.candidate(4, verifiedDaysAgo: 3, purgeInDays: 2),  // retention guard
    F.candidate(5, verifiedDaysAgo: 3),  // older signal
    F.candidate(6, verifiedDaysAgo: 3),  // notification only, dormant
    F.candidate(7, verifiedDaysAgo: 3, memberships: [F.idle]),  // up to date
  ]
  let signals = [
    F.signal(1, for: 1, .openToWork, daysAgo: 1), F.signal(4, for: 4, .jobChanged, daysAgo: 1),
    F.signal(5, for: 5, .profileChanged, daysAgo: 4), F.signal(6, for: 6, .changed, daysAgo: 1),
    F.signal(99, for: 42, .jobChanged, daysAgo: 1),
  ]
  return (candidates, signals)
}

@Test("every item has a non-empty sentence and a stable code, and nothing is dropped silently")
func everyItemExplainsItself() throws {
  let (candidates, signals) = everyReason()
  let plan = try F.plan(candidates, signals, budget: CreditBudget(dailyLimit: 1, day: F.now))
  #expect(plan.items.count == candidates.count)
  #expect(Set(plan.items.map(\.candidateID)) == Set(candidates.map(\.id)))
  for item in plan.items {
    #expect(!item.reason.sentence.isEmpty)
    #expect(item.reason.sentence.hasSuffix("."))
    #expect(!item.reason.code.isEmpty)
  }
  #expect(
    Set(plan.items.map(\.reason.code)) == [
      "signal_newer_than_record", "waiting_for_budget", "retention_guard",
      "signal_older_than_record",
      "notification_only_dormant", "up_to_date",
    ])
  #expect(plan.unmatchedSignalIDs == [99])
  #expect(
    plan.totals
      == Plan.Totals(refresh: 1, waitForBudget: 2, skip: 4, creditsPlanned: 1, creditsWaiting: 2))
  #expect(
    plan.summary
      == "1 to refresh (1 credits), 2 waiting for budget, 4 skipped, 1 signals for unknown candidates"
  )
  #expect(plan.formatted(limit: 2).split(separator: "\n").count == 4)
}

@Test("the plan is the same whatever order the candidates and signals arrive in")
func planIsDeterministic() throws {
  let (candidates, signals) = everyReason()
  let budget = CreditBudget(dailyLimit: 2, day: F.now)
  let reference = try F.plan(candidates, signals, budget: budget)
  var generator = SeededRandom(seed: 7)
  for _ in 0..<5 {
    let shuffled = try F.plan(
      candidates.shuffled(using: &generator), signals.shuffled(using: &generator), budget: budget)
    #expect(shuffled == reference)
  }
  #expect(reference.items.suffix(4).map(\.candidateID) == [4, 5, 6, 7])
}

@Test("a candidate given twice is refused with a typed error")
func duplicateCandidateIsRefused() {
  let candidates = [
    F.candidate(2, verifiedDaysAgo: 1), F.candidate(1, verifiedDaysAgo: 1),
    F.candidate(2, verifiedDaysAgo: 3),
  ]
  #expect(throws: PlannerError.duplicateCandidate(id: 2)) { try F.plan(candidates) }
}

@Test(
  "the JSON form carries decision, tier, priority, signal ids and the reason's code and sentence")
func planEncodesForScripts() throws {
  let (candidates, signals) = everyReason()
  let plan = try F.plan(candidates, signals, budget: CreditBudget(dailyLimit: 1, day: F.now))
  let data = try JSONEncoder().encode(plan)
  let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  #expect(object["generated_at"] as? String == "2026-12-01T06:00:00Z")
  let items = try #require(object["items"] as? [[String: Any]])
  let first = try #require(items.first)
  #expect(first["candidate_id"] as? Int == 1)
  #expect(first["decision"] as? String == "refresh")
  #expect(first["tier"] as? String == "active")
  #expect((first["priority"] as? [String: Any])?["cause"] as? String == "open_to_work")
  #expect(first["signal_ids"] as? [Int] == [1])
  let reason = try #require(first["reason"] as? [String: Any])
  #expect(reason["code"] as? String == "signal_newer_than_record")
  #expect((reason["sentence"] as? String)?.isEmpty == false)
  let waiting = try #require(items.first { $0["decision"] as? String == "wait_for_budget" })
  #expect((waiting["reason"] as? [String: Any])?["position"] as? Int == 1)
}

@Test(
  "a policy decodes from snake_case configuration with defaults and rejects values out of range")
func policyDecoding() throws {
  let decoded = try JSONDecoder().decode(
    PlannerPolicy.self, from: Data(#"{"active_days": 10, "dormant_max_staleness_days": 90}"#.utf8))
  #expect(decoded.activeDays == 10)
  #expect(decoded.dormantMaxStalenessDays == 90)
  #expect(decoded.activeMaxStalenessDays == 7)
  #expect(decoded.retentionGuardDays == 7)
  #expect(decoded.creditsPerRefresh == 1)
  let noTimer = try JSONDecoder().decode(
    PlannerPolicy.self, from: Data(#"{"pipeline_max_staleness_days": null}"#.utf8))
  #expect(noTimer.pipelineMaxStalenessDays == nil)
  let roundTrip = try JSONDecoder().decode(
    PlannerPolicy.self, from: JSONEncoder().encode(PlannerPolicy.blindTimer))
  #expect(roundTrip == .blindTimer)
  #expect(
    throws: PlannerError.invalidPolicy(
      field: "retention_guard_days", reason: "must be between 0 and 36500 days")
  ) {
    try JSONDecoder().decode(PlannerPolicy.self, from: Data(#"{"retention_guard_days": -1}"#.utf8))
  }
}
