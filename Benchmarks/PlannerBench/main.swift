// bench-planner: times Planner.plan at scale, or runs a large refresh-policy simulation.
//
//   swift run -c release bench-planner
//   swift run -c release bench-planner simulate --candidates 100000 --days 365 --seed 1
import Domain
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's peak resident set size in MB (`getrusage`; Linux reports KB, macOS bytes).
func maxRSSMegabytes() -> Double {
  var usage = rusage()
  #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
  #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1_024
  #endif
}

/// Seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = ContinuousClock.now
  try body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// A synthetic database: `count` candidates (1% in a pipeline, 1% with a purge within 30 days) and
/// `signalCount` pending signals from the last three days.
struct Workload {
  /// The planning instant.
  let now = Date(timeIntervalSince1970: 1_796_104_800)  // 2026-12-01T06:00:00Z
  /// Every candidate in the database, ascending by id.
  var candidates: [PlanningCandidate] = []
  /// The pending signals.
  var signals: [PlanningSignal] = []

  /// Generates the database.
  init(count: Int, signalCount: Int, seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let day = 86_400.0
    candidates.reserveCapacity(count)
    for id in 1...count {
      var memberships: [PlanningCandidate.Membership] = []
      if random.chance(0.01) {
        memberships.append(
          .init(
            vacancyOpen: true, lastActivityAt: now.addingTimeInterval(-random.uniform(0...30) * day)
          ))
      }
      let purge = random.chance(0.01) ? now.addingTimeInterval(random.uniform(0...30) * day) : nil
      candidates.append(
        PlanningCandidate(
          id: Int64(id), lastVerifiedAt: now.addingTimeInterval(-random.uniform(0...30) * day),
          retentionPurgeAt: purge, memberships: memberships))
    }
    let kinds = Signal.Kind.allCases
    signals = (0..<signalCount).map { index in
      PlanningSignal(
        id: Int64(index + 1), candidateID: Int64(random.below(count) + 1),
        kind: kinds[random.below(kinds.count)],
        detectedAt: now.addingTimeInterval(-random.uniform(0...3) * day))
    }
  }

  /// What the database feeds the planner: candidates with a signal newer than their record, records past
  /// their tier's staleness deadline, and those candidates' signals.
  func dueInput(policy: PlannerPolicy) -> ([PlanningCandidate], [PlanningSignal]) {
    var newestSignal: [Int64: Date] = [:]
    for signal in signals {
      newestSignal[signal.candidateID] = max(
        newestSignal[signal.candidateID] ?? .distantPast, signal.detectedAt)
    }
    let fed = candidates.filter { candidate in
      guard let verified = candidate.lastVerifiedAt else { return true }
      if let newest = newestSignal[candidate.id], newest > verified { return true }
      let tier = RefreshTier.derive(
        memberships: candidate.memberships, now: now, activeDays: policy.activeDays)
      guard let limit = policy.maxStalenessDays(for: tier) else { return false }
      return verified.addingTimeInterval(Double(limit) * 86_400) <= now
    }
    let fedIDs = Set(fed.map(\.id))
    return (fed, signals.filter { fedIDs.contains($0.candidateID) })
  }
}

/// Times `runs` plans and returns the median seconds and the last plan.
func timePlans(
  _ input: [PlanningCandidate], _ signals: [PlanningSignal], _ workload: Workload, runs: Int = 5
) throws -> (Double, Plan) {
  let planner = Planner()
  let budget = CreditBudget(dailyLimit: 500, day: workload.now)
  var times: [Double] = []
  var last: Plan?
  for _ in 0..<runs {
    last = nil  // so two plans are never held at once
    times.append(
      try seconds {
        last = try planner.plan(
          candidates: input, signals: signals, budget: budget, now: workload.now)
      })
  }
  guard let plan = last else {
    throw PlannerError.invalidPolicy(field: "runs", reason: "must be at least 1")
  }
  return (times.sorted()[times.count / 2], plan)
}

/// Times the planner on 1,000,000 and 100,000 candidates, due input and all candidates as input.
func benchmarkPlanning() throws {
  let signalCount = 50_000
  var dueTimes: [Int: Double] = [:]
  print(
    "sizes: PlanItem \(MemoryLayout<PlanItem>.stride) B, PlanReason \(MemoryLayout<PlanReason>.stride) B, "
      + "PlanningCandidate \(MemoryLayout<PlanningCandidate>.stride) B")
  print("Planner.plan, median of 5 runs, \(signalCount) pending signals, daily budget 500 credits")
  for count in [1_000_000, 100_000] {
    let workload = Workload(count: count, signalCount: signalCount, seed: 42)
    let (due, dueSignals) = workload.dueInput(policy: .delta)
    let (dueTime, duePlan) = try timePlans(due, dueSignals, workload)
    dueTimes[count] = dueTime
    print(
      String(
        format: "%9d candidates, due input %7d: %7.1f ms  (%@); max RSS so far %.0f MB", count,
        due.count,
        dueTime * 1_000, duePlan.summary, maxRSSMegabytes()))
    let (allTime, allPlan) = try timePlans(workload.candidates, workload.signals, workload)
    print(
      String(
        format: "%9d candidates, all as input      : %7.1f ms  (%@); max RSS so far %.0f MB", count,
        allTime * 1_000, allPlan.summary, maxRSSMegabytes()))
  }
  if let large = dueTimes[1_000_000], let small = dueTimes[100_000] {
    print(
      String(format: "due-input time ratio 1,000,000 / 100,000 candidates: %.2fx", large / small))
  }
  print(String(format: "process max RSS: %.0f MB", maxRSSMegabytes()))
}

/// Runs one simulation with options like `talentwatch simulate` and prints the report.
func benchmarkSimulation(_ arguments: [String]) throws {
  var config = SimulationConfig()
  var index = 0
  func value() -> String? { index + 1 < arguments.count ? arguments[index + 1] : nil }
  while index < arguments.count {
    switch (arguments[index], value()) {
    case ("--candidates", let v?): config.candidates = Int(v) ?? config.candidates
    case ("--days", let v?): config.days = Int(v) ?? config.days
    case ("--seed", let v?): config.seed = UInt64(v) ?? config.seed
    case ("--vacancies-per-1000", let v?):
      config.openVacanciesPer1000Candidates = Double(v) ?? config.openVacanciesPer1000Candidates
    case ("--delivery-delay-hours", let v?):
      let parts = v.split(separator: "-").compactMap { Double($0) }
      if parts.count == 2, parts[0] <= parts[1] { config.deliveryDelayHours = parts[0]...parts[1] }
    case ("--budget", let v?): config.dailyCreditLimit = Int(v)
    case ("--plan-hour", let v?): config.planHourUTC = Double(v) ?? config.planHourUTC
    default:
      print("unknown or incomplete option: \(arguments[index])")
      exit(2)
    }
    index += 2
  }
  var report: SimulationReport?
  let elapsed = try seconds { report = try Simulation.run(config) }
  if let report { print(report.formatted) }
  print(String(format: "simulated in %.1f s; process max RSS %.0f MB", elapsed, maxRSSMegabytes()))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  if arguments.first == "simulate" {
    try benchmarkSimulation(Array(arguments.dropFirst()))
  } else {
    try benchmarkPlanning()
  }
} catch {
  print("bench-planner: \(error)")
  exit(1)
}
