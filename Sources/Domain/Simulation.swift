import Foundation

/// Runs the refresh policies day by day over one synthetic population, each through the real `Planner`,
/// and measures credits and staleness against the ground truth of when each person really changed.
///
/// Each day the planner is fed what the database would feed it: candidates with delivered signals newer
/// than their record, and records past their tier's staleness deadline. Refresh items update the record
/// and catch every change made before the refresh; waiting items stay due for the next day.
public enum Simulation {
  /// Runs `policies` (all three by default) over the population `config` describes.
  public static func run(
    _ config: SimulationConfig, policies: [SimulationPolicy] = SimulationPolicy.allCases
  ) throws(SimulationError) -> SimulationReport {
    try config.validate()
    let population = SimulationPopulation(
      config: config, activeDays: PlannerPolicy.delta.activeDays)
    var runners = policies.map { Runner(policy: $0, population: population) }
    var signalCursor = 0
    var activeDays = 0
    var pipelineDays = 0
    for dayIndex in 0..<config.days {
      let now =
        population.start + Double(dayIndex) * SimulationPopulation.day + config.planHourUTC * 3_600
      let snapshot = Snapshot(population: population, at: now)
      activeDays += snapshot.tiers.values.filter { $0 == .active }.count
      pipelineDays += snapshot.tiers.values.filter { $0 == .pipeline }.count
      let firstNew = signalCursor
      while signalCursor < population.signals.count,
        population.signals[signalCursor].deliveredAt <= now
      {
        signalCursor += 1
      }
      for index in runners.indices {
        runners[index].deliver(population.signals, firstNew..<signalCursor)
        try runners[index].planDay(
          now: now, snapshot: snapshot, population: population, dailyLimit: config.dailyCreditLimit)
      }
    }
    let candidateDays = Double(config.candidates) * Double(config.days)
    let tail = min(config.observationTailDays, config.days / 2)
    let measuredEnd = population.start + Double(config.days - tail) * SimulationPopulation.day
    return SimulationReport(
      config: config, activeShare: Double(activeDays) / candidateDays,
      pipelineShare: Double(pipelineDays) / candidateDays, measuredDays: config.days - tail,
      results: runners.map { $0.result(population: population, measuredEnd: measuredEnd) })
  }

  /// Who is in an open pipeline at one planning instant, and their memberships.
  struct Snapshot {
    /// Memberships per candidate index, for candidates in at least one open pipeline.
    var memberships: [Int: [PlanningCandidate.Membership]] = [:]
    /// Tier per candidate index for the same candidates; everyone else is dormant.
    var tiers: [Int: RefreshTier] = [:]

    /// The pipelines at `time`.
    init(population: SimulationPopulation, at time: Double) {
      for vacancy in population.vacancies where vacancy.openAt <= time && time < vacancy.closeAt {
        for member in vacancy.members {
          if let membership = SimulationPopulation.membership(vacancy, member, at: time) {
            memberships[member.candidate, default: []].append(membership)
          }
        }
      }
      let now = Date(timeIntervalSinceReferenceDate: time)
      for (candidate, list) in memberships {
        tiers[candidate] = RefreshTier.derive(
          memberships: list, now: now, activeDays: population.activeDays)
      }
    }
  }

  /// One policy's state through the run.
  struct Runner {
    private let policy: SimulationPolicy
    private let planner: Planner
    /// Each record's last verification under this policy.
    private var lastVerified: [Double]
    /// Per candidate, the index of their first change not yet caught.
    private var nextChange: [Int]
    /// Per change, when a refresh caught it (`.infinity` while uncaught).
    private var caughtAt: [Double]
    /// Delivered signals not yet settled, per candidate index.
    private var pending: [Int: [Int]] = [:]
    private var credits = 0
    private var refreshes = 0
    private var refreshesFindingChange = 0
    private var mostWaiting = 0

    /// A runner at the start of the run.
    init(policy: SimulationPolicy, population: SimulationPopulation) {
      self.policy = policy
      planner = Planner(policy: policy.plannerPolicy)
      lastVerified = population.initialVerified
      nextChange = Array(population.changeOffsets.dropLast())
      caughtAt = Array(repeating: .infinity, count: population.changes.count)
    }

    /// Adds newly delivered signals to the pending set (a policy that ignores signals never stores them).
    mutating func deliver(
      _ signals: [SimulationPopulation.DeliveredSignal], _ range: Range<Int>
    ) {
      guard planner.policy.refreshOnSignals else { return }
      for index in range { pending[signals[index].candidate, default: []].append(index) }
    }

    /// Feeds the planner what can be due at `now` and applies its plan.
    mutating func planDay(
      now: Double, snapshot: Snapshot, population: SimulationPopulation, dailyLimit: Int?
    ) throws(SimulationError) {
      let policy = planner.policy
      func limitSeconds(_ tier: RefreshTier) -> Double? {
        policy.maxStalenessDays(for: tier).map { Double($0) * SimulationPopulation.day }
      }
      var fed = Set(pending.keys)
      if let dormantLimit = limitSeconds(.dormant) {
        for candidate in 0..<population.candidateCount {
          let limit = snapshot.tiers[candidate].flatMap(limitSeconds) ?? dormantLimit
          if lastVerified[candidate] + limit <= now { fed.insert(candidate) }
        }
      } else {
        for (candidate, tier) in snapshot.tiers {
          if let limit = limitSeconds(tier), lastVerified[candidate] + limit <= now {
            fed.insert(candidate)
          }
        }
      }
      let order = fed.sorted()
      let candidates = order.map { candidate in
        PlanningCandidate(
          id: Int64(candidate + 1),
          lastVerifiedAt: Date(timeIntervalSinceReferenceDate: lastVerified[candidate]),
          memberships: snapshot.memberships[candidate] ?? [])
      }
      var signals: [PlanningSignal] = []
      for candidate in order {
        for index in pending[candidate] ?? [] {
          let signal = population.signals[index]
          signals.append(
            PlanningSignal(
              id: Int64(index), candidateID: Int64(candidate + 1), kind: signal.kind,
              detectedAt: Date(timeIntervalSinceReferenceDate: signal.detectedAt)))
        }
      }
      let instant = Date(timeIntervalSinceReferenceDate: now)
      let budget =
        dailyLimit.map { CreditBudget(dailyLimit: $0, day: instant) } ?? .unlimited(day: instant)
      let plan: Plan
      do {
        plan = try planner.plan(
          candidates: candidates, signals: signals, budget: budget, now: instant)
      } catch {
        throw .planner(error)
      }
      mostWaiting = max(mostWaiting, plan.totals.waitForBudget)
      for item in plan.items {
        let candidate = Int(item.candidateID) - 1
        switch item.decision {
        case .refresh:
          apply(refreshOf: candidate, at: now, credits: item.credits, population: population)
        case .skip where !item.olderSignalIDs.isEmpty:
          // The database feeds only signals newer than the record, so older ones leave the pending set.
          let older = Set(item.olderSignalIDs.map { Int($0) })
          pending[candidate]?.removeAll { older.contains($0) }
          if pending[candidate]?.isEmpty == true { pending[candidate] = nil }
        case .skip, .waitForBudget:
          break
        }
      }
    }

    private mutating func apply(
      refreshOf candidate: Int, at now: Double, credits: Int, population: SimulationPopulation
    ) {
      lastVerified[candidate] = now
      self.credits += credits
      refreshes += 1
      pending[candidate] = nil
      var found = false
      let end = population.changeOffsets[candidate + 1]
      while nextChange[candidate] < end, population.changes[nextChange[candidate]].time <= now {
        caughtAt[nextChange[candidate]] = now
        nextChange[candidate] += 1
        found = true
      }
      if found { refreshesFindingChange += 1 }
    }

    /// The figures for the report: staleness over changes before `measuredEnd`.
    func result(population: SimulationPopulation, measuredEnd: Double)
      -> SimulationReport.PolicyResult
    {
      var samples: [RefreshTier: [Double]] = [:]
      for (index, change) in population.changes.enumerated() where change.time < measuredEnd {
        samples[change.tier, default: []].append(
          (caughtAt[index] - change.time) / SimulationPopulation.day)
      }
      let tiers = RefreshTier.allCases.map { tier in
        SimulationReport.TierStaleness(tier: tier, stalenessDays: samples[tier] ?? [])
      }
      return SimulationReport.PolicyResult(
        policy: policy, creditsSpent: credits, refreshes: refreshes,
        refreshesFindingChange: refreshesFindingChange, mostWaitingInOneDay: mostWaiting,
        tiers: tiers)
    }
  }
}
