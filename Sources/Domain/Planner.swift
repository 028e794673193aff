public import Foundation

/// The delta planner: decides which records to re-enrich, in what order, within the day's credit budget.
///
/// Pure: values in, a `Plan` out, time from the `now` argument. Work is O(n log n) in the inputs: the
/// candidates are walked once in id order (sorted only when not already), the signals are sorted once and
/// merged in, and only due items are sorted by priority. Reason sentences are built on demand.
public struct Planner: Sendable {
  /// The rules applied.
  public var policy: PlannerPolicy

  /// Creates a planner with `policy` (the defaults when omitted).
  public init(policy: PlannerPolicy = .delta) {
    self.policy = policy
  }

  /// Plans refreshes for `candidates` given their pending `signals`, `budget` and the instant `now`.
  ///
  /// Every candidate gets one item. A signal whose candidate is not in `candidates` is listed in
  /// `unmatchedSignalIDs`. Throws `PlannerError.duplicateCandidate` when an id appears twice.
  public func plan(
    candidates: [PlanningCandidate], signals: [PlanningSignal], budget: CreditBudget, now: Date
  ) throws(PlannerError) -> Plan {
    let order = try Self.idOrder(candidates)
    let signalOrder = Self.signalOrder(signals)
    let nowSeconds = now.timeIntervalSinceReferenceDate
    let guardLimit = nowSeconds + Double(policy.retentionGuardDays) * PlanCalendar.secondsPerDay

    var items: [PlanItem] = []
    items.reserveCapacity(candidates.count)
    var due: [PlanItem] = []
    var unmatched: [Int64] = []
    var cursor = 0
    for index in order {
      let candidate = candidates[index]
      while cursor < signalOrder.count, signals[signalOrder[cursor]].candidateID < candidate.id {
        unmatched.append(signals[signalOrder[cursor]].id)
        cursor += 1
      }
      let start = cursor
      while cursor < signalOrder.count, signals[signalOrder[cursor]].candidateID == candidate.id {
        cursor += 1
      }
      let item = evaluate(
        candidate, signals: signals, indices: signalOrder[start..<cursor], now: now,
        nowSeconds: nowSeconds, guardLimit: guardLimit)
      if item.decision == .skip { items.append(item) } else { due.append(item) }
    }
    while cursor < signalOrder.count {
      unmatched.append(signals[signalOrder[cursor]].id)
      cursor += 1
    }

    // Sort plain keys rather than items: moving items would retain and release their arrays.
    var keys = due.indices.map { index in
      DueKey(priority: due[index].priority, candidateID: due[index].candidateID, index: index)
    }
    keys.sort()
    var totals = Plan.Totals(skip: items.count)
    let available = budget.available(at: now)
    var remaining = available
    let cost = policy.creditsPerRefresh
    let resumesAt = budget.nextReset(after: now)
    var ordered: [PlanItem] = []
    ordered.reserveCapacity(due.count)
    for key in keys {
      var item = due[key.index]
      if cost <= remaining {
        remaining -= cost
        totals.refresh += 1
        totals.creditsPlanned += cost
      } else {
        totals.waitForBudget += 1
        totals.creditsWaiting = Self.saturatingAdd(totals.creditsWaiting, cost)
        item.decision = .waitForBudget
        item.reason = .waitingForBudget(
          dailyLimit: budget.dailyLimit, position: totals.waitForBudget, resumesAt: resumesAt,
          due: item.reason)
      }
      ordered.append(item)
    }
    due = []
    items.insert(contentsOf: ordered, at: 0)
    return Plan(
      generatedAt: now, creditsAvailable: available,
      budgetAfter: budget.spending(totals.creditsPlanned, at: now), items: items, totals: totals,
      unmatchedSignalIDs: unmatched)
  }

  /// Decides for one candidate; due items come back as `refresh` with a priority, the budget is applied later.
  private func evaluate(
    _ candidate: PlanningCandidate, signals: [PlanningSignal], indices: ArraySlice<Int>, now: Date,
    nowSeconds: Double, guardLimit: Double
  ) -> PlanItem {
    let tier = RefreshTier.derive(
      memberships: candidate.memberships, now: now, activeDays: policy.activeDays)
    let verified = candidate.lastVerifiedAt
    let verifiedSeconds = verified?.timeIntervalSinceReferenceDate ?? -Double.infinity

    // Signals are sorted by detection time, so the older ones form a prefix.
    var fresh: [Int64] = []
    var older: [Int64] = []
    var newestOlder: PlanningSignal?
    var best: PlanningSignal?
    var oldestCounting: Date?
    var newestIgnored: PlanningSignal?
    var ignoredCount = 0
    for index in indices {
      let signal = signals[index]
      if signal.detectedAt.timeIntervalSinceReferenceDate <= verifiedSeconds {
        older.append(signal.id)
        newestOlder = signal
        continue
      }
      fresh.append(signal.id)
      let counts =
        policy.refreshOnSignals
        && (signal.kind != .changed || tier != .dormant || policy.notificationOnlyRefreshesDormant)
      guard counts else {
        newestIgnored = signal
        ignoredCount += 1
        continue
      }
      if oldestCounting == nil { oldestCounting = signal.detectedAt }
      if let current = best,
        PlanPriority.Cause(current.kind).rank <= PlanPriority.Cause(signal.kind).rank
      {
        continue
      }
      best = signal
    }

    if let purgeAt = candidate.retentionPurgeAt,
      purgeAt.timeIntervalSinceReferenceDate <= guardLimit
    {
      return PlanItem(
        candidateID: candidate.id, decision: .skip, tier: tier, priority: nil, signalIDs: fresh,
        olderSignalIDs: older, credits: 0,
        reason: .retentionGuard(purgeAt: purgeAt, guardDays: policy.retentionGuardDays))
    }

    let limitDays = policy.maxStalenessDays(for: tier)
    // The timer runs from the later of the provider's freshness time and our own last fetch.
    let timerBase = verified.map { max($0, candidate.lastFetchedAt ?? $0) }
    let deadline = timerBase.flatMap { base in
      limitDays.map { base.addingTimeInterval(Double($0) * PlanCalendar.secondsPerDay) }
    }
    if let best, let oldestCounting {
      return dueItem(
        candidate, tier: tier, cause: PlanPriority.Cause(best.kind), since: oldestCounting,
        fresh: fresh, older: older,
        reason: .signalNewerThanRecord(
          kind: best.kind, detectedAt: best.detectedAt, verifiedAt: verified, tier: tier,
          coalesced: fresh.count))
    }
    guard let verified else {
      return dueItem(
        candidate, tier: tier, cause: .overdue, since: .distantPast, fresh: fresh, older: older,
        reason: .neverVerified(tier: tier))
    }
    if let deadline, let limitDays, deadline.timeIntervalSinceReferenceDate <= nowSeconds {
      return dueItem(
        candidate, tier: tier, cause: .overdue, since: deadline, fresh: fresh, older: older,
        reason: .stalenessLimitPassed(verifiedAt: verified, limitDays: limitDays, tier: tier))
    }
    let reason: PlanReason
    if let ignored = newestIgnored {
      reason =
        policy.refreshOnSignals
        ? .notificationOnlyForDormant(detectedAt: ignored.detectedAt, count: ignoredCount)
        : .signalsIgnoredByPolicy(
          kind: ignored.kind, detectedAt: ignored.detectedAt, nextCheck: deadline)
    } else if let stale = newestOlder {
      reason = .signalOlderThanRecord(
        kind: stale.kind, detectedAt: stale.detectedAt, verifiedAt: verified)
    } else {
      reason = .upToDate(verifiedAt: verified, tier: tier, nextCheck: deadline)
    }
    return PlanItem(
      candidateID: candidate.id, decision: .skip, tier: tier, priority: nil, signalIDs: fresh,
      olderSignalIDs: older, credits: 0, reason: reason)
  }

  private func dueItem(
    _ candidate: PlanningCandidate, tier: RefreshTier, cause: PlanPriority.Cause, since: Date,
    fresh: [Int64], older: [Int64], reason: PlanReason
  ) -> PlanItem {
    PlanItem(
      candidateID: candidate.id, decision: .refresh, tier: tier,
      priority: PlanPriority(tier: tier, cause: cause, since: since), signalIDs: fresh,
      olderSignalIDs: older, credits: policy.creditsPerRefresh, reason: reason)
  }

  /// A due item's place in line as plain values, cheap to sort.
  private struct DueKey: Comparable {
    let tierRank: Int
    let causeRank: Int
    let since: Double
    let candidateID: Int64
    let index: Int

    init(priority: PlanPriority?, candidateID: Int64, index: Int) {
      tierRank = priority?.tier.rank ?? Int.max
      causeRank = priority?.cause.rank ?? Int.max
      since = priority?.since.timeIntervalSinceReferenceDate ?? .infinity
      self.candidateID = candidateID
      self.index = index
    }

    static func < (lhs: DueKey, rhs: DueKey) -> Bool {
      (lhs.tierRank, lhs.causeRank, lhs.since, lhs.candidateID)
        < (rhs.tierRank, rhs.causeRank, rhs.since, rhs.candidateID)
    }
  }

  /// Candidate indices in ascending id order, without sorting when the input already is.
  private static func idOrder(_ candidates: [PlanningCandidate]) throws(PlannerError) -> [Int] {
    var ascending = true
    for index in candidates.indices.dropFirst()
    where candidates[index - 1].id >= candidates[index].id {
      ascending = false
      break
    }
    if ascending { return Array(candidates.indices) }
    let order = candidates.indices.sorted { candidates[$0].id < candidates[$1].id }
    for position in order.indices.dropFirst()
    where candidates[order[position - 1]].id == candidates[order[position]].id {
      throw .duplicateCandidate(id: candidates[order[position]].id)
    }
    return order
  }

  /// Signal indices ordered by candidate, then detection time, then id.
  private static func signalOrder(_ signals: [PlanningSignal]) -> [Int] {
    signals.indices.sorted { lhs, rhs in
      let left = signals[lhs]
      let right = signals[rhs]
      if left.candidateID != right.candidateID { return left.candidateID < right.candidateID }
      if left.detectedAt != right.detectedAt { return left.detectedAt < right.detectedAt }
      return left.id < right.id
    }
  }

  private static func saturatingAdd(_ lhs: Int, _ rhs: Int) -> Int {
    let (sum, overflow) = lhs.addingReportingOverflow(rhs)
    return overflow ? .max : sum
  }
}
