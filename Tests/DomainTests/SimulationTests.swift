import Domain
import Foundation
import Testing

@Test("a seeded simulation is deterministic: the same seed gives the same report")
func simulationIsDeterministic() throws {
  let config = SimulationConfig(candidates: 800, days: 60, seed: 11)
  let first = try Simulation.run(config)
  let second = try Simulation.run(config)
  #expect(first == second)
  #expect(first.formatted == second.formatted)
  var other = config
  other.seed = 12
  #expect(try Simulation.run(other) != first)
}

@Test(
  "the delta planner spends less than the blind timer, and the blind timer catches every change within 30 days"
)
func deltaSpendsLessThanBlindTimer() throws {
  let report = try Simulation.run(SimulationConfig(candidates: 1_000, days: 90, seed: 3))
  let blind = try #require(report.result(for: .blindTimer))
  let delta = try #require(report.result(for: .delta))
  #expect(delta.creditsSpent < blind.creditsSpent)
  #expect(blind.changes > 0)
  #expect(blind.changesCaught == blind.changes)
  for tier in blind.tiers where tier.changes > 0 {
    #expect((tier.p95Days ?? .infinity) <= 30)
  }
  #expect(blind.creditsSpent == blind.refreshes)
}

@Test(
  "with no missed and no data-less signals, signal-only catches every measured change within two days"
)
func signalOnlyCatchesEverySignalledChange() throws {
  let config = SimulationConfig(
    candidates: 1_000, days: 60, seed: 5, missedSignalShare: 0, notificationOnlyShare: 0)
  let signalOnly = try #require(
    try Simulation.run(config, policies: [.signalOnly]).result(for: .signalOnly))
  #expect(signalOnly.changes > 0)
  #expect(signalOnly.changesCaught == signalOnly.changes)
  for tier in signalOnly.tiers where tier.changes > 0 {
    #expect((tier.p95Days ?? .infinity) <= 2)
  }
}

@Test("a daily credit limit caps every policy's spend and leaves items waiting, not dropped")
func dailyLimitCapsSpend() throws {
  let config = SimulationConfig(candidates: 1_000, days: 40, seed: 9, dailyCreditLimit: 10)
  let report = try Simulation.run(config)
  let blind = try #require(report.result(for: .blindTimer))
  #expect(blind.creditsSpent <= 10 * 40)
  #expect(blind.mostWaitingInOneDay > 0)
  for result in report.results { #expect(result.creditsSpent <= 400) }
}

@Test(
  "the default scenario meets the goal: ≤ 10% of the blind timer's credits, active median ≤ 1 day")
func defaultScenarioMeetsTheGoal() throws {
  let report = try Simulation.run(SimulationConfig())
  #expect(report.config.candidates == 5_000)
  #expect(report.config.days == 180)
  let goal = report.goal
  #expect(goal.met)
  #expect(try #require(goal.creditShare) <= 0.10)
  #expect(try #require(goal.activeMedianDays) <= 1)
  #expect(try #require(report.result(for: .delta)?.staleness(.active)?.changes) >= 5)
  for label in ["blind timer", "signal-only", "delta planner", "Goal"] {
    #expect(report.formatted.contains(label))
  }
}

@Test("a configuration out of range is refused with the field named")
func invalidConfigIsRefused() {
  #expect(
    throws: SimulationError.invalidConfig(
      field: "candidates", reason: "must be between 1 and 10,000,000")
  ) {
    try Simulation.run(SimulationConfig(candidates: 0))
  }
  #expect(
    throws: SimulationError.invalidConfig(
      field: "missed_signal_share", reason: "must be between 0 and 1")
  ) {
    try Simulation.run(SimulationConfig(missedSignalShare: 1.5))
  }
}

@Test("the seeded generator repeats its sequence and keeps draws in range")
func seededRandomIsReproducible() {
  var a = SeededRandom(seed: 42)
  var b = SeededRandom(seed: 42)
  var c = SeededRandom(seed: 42, stream: 1)
  let first = (0..<100).map { _ in a.next() }
  #expect(first == (0..<100).map { _ in b.next() })
  #expect(first != (0..<100).map { _ in c.next() })
  for _ in 0..<1_000 {
    #expect((0..<7).contains(a.below(7)))
    let unit = a.nextDouble()
    #expect(unit >= 0 && unit < 1)
    #expect(a.exponential(mean: 3) >= 0)
  }
}
