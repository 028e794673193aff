// bench-planner: times Planner.plan at scale, or runs a large refresh-policy simulation.
//
//   swift run -c release bench-planner [--runs N]
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

/// One timed planning input.
struct Case {
  /// What the line says.
  let label: String
  /// The database it was drawn from.
  let workload: Workload
  /// Candidates fed to the planner.
  let candidates: [PlanningCandidate]
  /// Signals fed to the planner.
  let signals: [PlanningSignal]
  /// Seconds per run.
  var times: [Double] = []
  /// The last plan's summary.
  var summary = ""

  /// Plans once and records the time.
  mutating func run() throws {
    let budget = CreditBudget(dailyLimit: 500, day: workload.now)
    var plan: Plan?
    times.append(
      try seconds {
        plan = try Planner().plan(
          candidates: candidates, signals: signals, budget: budget, now: workload.now)
      })
    summary = plan?.summary ?? ""
  }

  /// The median time in seconds.
  var median: Double { times.sorted()[times.count / 2] }
}

/// Times the planner on 1,000,000 and 100,000 candidates (due input and all candidates as input); runs
/// are interleaved so that load from other processes falls on every case alike.
func benchmarkPlanning(runs: Int) throws {
  let signalCount = 50_000
  print(
    "sizes: PlanItem \(MemoryLayout<PlanItem>.stride) B, PlanReason \(MemoryLayout<PlanReason>.stride) B, "
      + "PlanningCandidate \(MemoryLayout<PlanningCandidate>.stride) B")
  print(
    "Planner.plan, median of \(runs) interleaved runs, \(signalCount) pending signals, daily budget 500"
  )
  var cases: [Case] = []
  for count in [1_000_000, 100_000] {
    let workload = Workload(count: count, signalCount: signalCount, seed: 42)
    let (due, dueSignals) = workload.dueInput(policy: .delta)
    cases.append(
      Case(
        label: String(format: "%9d candidates, due input %6d", count, due.count),
        workload: workload,
        candidates: due, signals: dueSignals))
    cases.append(
      Case(
        label: String(format: "%9d candidates, all as input     ", count), workload: workload,
        candidates: workload.candidates, signals: workload.signals))
  }
  for _ in 0..<runs {
    for index in cases.indices { try cases[index].run() }
  }
  for entry in cases {
    print(String(format: "%@: %7.1f ms  (%@)", entry.label, entry.median * 1_000, entry.summary))
  }
  print(
    String(
      format: "due-input time ratio 1,000,000 / 100,000 candidates: %.2fx",
      cases[0].median / cases[2].median))
  print(String(format: "process max RSS: %.0f MB (both databases in memory)", maxRSSMegabytes()))
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
  } else if arguments.first == "--runs", arguments.count == 2, let runs = Int(arguments[1]),
    runs > 0
  {
    try benchmarkPlanning(runs: runs)
  } else if arguments.isEmpty {
    try benchmarkPlanning(runs: 5)
  } else {
    print(
      "usage: bench-planner [--runs N] | bench-planner simulate [--candidates N] [--days D] [--seed S] ..."
    )
    exit(2)
  }
} catch {
  print("bench-planner: \(error)")
  exit(1)
}
