import Foundation

/// What a simulation found per policy: credits, changes caught, and staleness after a real change per tier.
public struct SimulationReport: Sendable, Hashable, Codable {
  /// How long changes in one tier stayed uncaught.
  public struct TierStaleness: Sendable, Hashable, Codable {
    /// The tier the candidate was in when their data changed.
    public var tier: RefreshTier
    /// Real changes measured in this tier.
    public var changes: Int
    /// Of those, how many a refresh caught before the run ended.
    public var caught: Int
    /// Median days from the change to the refresh that caught it; nil when there were no changes or the
    /// median change was never caught (uncaught changes count as infinitely stale).
    public var medianDays: Double?
    /// 95th percentile (nearest rank) of the same; nil likewise.
    public var p95Days: Double?

    /// Summarises staleness samples in days, `.infinity` for changes never caught.
    public init(tier: RefreshTier, stalenessDays: [Double]) {
      let sorted = stalenessDays.sorted()
      self.tier = tier
      changes = sorted.count
      caught = sorted.filter(\.isFinite).count
      medianDays = Self.percentile(sorted, 0.5)
      p95Days = Self.percentile(sorted, 0.95)
    }

    private static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
      guard !sorted.isEmpty else { return nil }
      let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
      let value = sorted[min(rank, sorted.count) - 1]
      return value.isFinite ? value : nil
    }
  }

  /// One policy's figures.
  public struct PolicyResult: Sendable, Hashable, Codable {
    /// The policy.
    public var policy: SimulationPolicy
    /// Credits spent over the whole run.
    public var creditsSpent: Int
    /// Refreshes made.
    public var refreshes: Int
    /// Refreshes that caught at least one real change.
    public var refreshesFindingChange: Int
    /// The largest number of items waiting for budget after one day's plan.
    public var mostWaitingInOneDay: Int
    /// Staleness per tier, active first.
    public var tiers: [TierStaleness]

    /// Creates a result.
    public init(
      policy: SimulationPolicy, creditsSpent: Int, refreshes: Int, refreshesFindingChange: Int,
      mostWaitingInOneDay: Int, tiers: [TierStaleness]
    ) {
      self.policy = policy
      self.creditsSpent = creditsSpent
      self.refreshes = refreshes
      self.refreshesFindingChange = refreshesFindingChange
      self.mostWaitingInOneDay = mostWaitingInOneDay
      self.tiers = tiers
    }

    /// Real changes measured, all tiers.
    public var changes: Int { tiers.reduce(0) { $0 + $1.changes } }
    /// Measured changes caught by a refresh before the run ended.
    public var changesCaught: Int { tiers.reduce(0) { $0 + $1.caught } }

    /// The staleness figures for `tier`.
    public func staleness(_ tier: RefreshTier) -> TierStaleness? { tiers.first { $0.tier == tier } }
  }

  /// The issue's goal, checked on this run.
  public struct Goal: Sendable, Hashable, Codable {
    /// Delta planner credits as a share of the blind timer's; nil when either policy was not run.
    public var creditShare: Double?
    /// The delta planner's median staleness after a change for active candidates, in days.
    public var activeMedianDays: Double?
    /// Whether the share is at most 10% and the median at most 1 day.
    public var met: Bool
  }

  /// The configuration simulated.
  public var config: SimulationConfig
  /// Average share of candidates in the active tier per day.
  public var activeShare: Double
  /// Average share of candidates in the pipeline tier per day.
  public var pipelineShare: Double
  /// Staleness covers changes in the first `measuredDays` days.
  public var measuredDays: Int
  /// One result per policy run.
  public var results: [PolicyResult]

  /// Creates a report.
  public init(
    config: SimulationConfig, activeShare: Double, pipelineShare: Double, measuredDays: Int,
    results: [PolicyResult]
  ) {
    self.config = config
    self.activeShare = activeShare
    self.pipelineShare = pipelineShare
    self.measuredDays = measuredDays
    self.results = results
  }

  /// The result for `policy`, when it was run.
  public func result(for policy: SimulationPolicy) -> PolicyResult? {
    results.first { $0.policy == policy }
  }

  /// The goal check: delta ≤ 10% of the blind timer's credits and active median staleness ≤ 1 day.
  public var goal: Goal {
    let delta = result(for: .delta)
    let blind = result(for: .blindTimer)
    let share = delta.flatMap { delta in
      blind.flatMap {
        $0.creditsSpent > 0 ? Double(delta.creditsSpent) / Double($0.creditsSpent) : nil
      }
    }
    let median = delta?.staleness(.active)?.medianDays
    return Goal(
      creditShare: share, activeMedianDays: median,
      met: (share.map { $0 <= 0.10 } ?? false) && (median.map { $0 <= 1 } ?? false))
  }

  /// The report as a text table for `talentwatch simulate`.
  public var formatted: String {
    let blindCredits = result(for: .blindTimer)?.creditsSpent
    var lines = [
      "Refresh policy simulation: \(PlanCalendar.grouped(config.candidates)) candidates, "
        + "\(config.days) days, seed \(config.seed)",
      "Population per day on average: \(Self.percent(activeShare)) active, "
        + "\(Self.percent(pipelineShare)) in a pipeline without recent activity, "
        + "\(Self.percent(max(0, 1 - activeShare - pipelineShare))) dormant",
      "",
    ]
    var table = [
      ["policy", "credits", "vs blind", "refreshes", "found a change", "changes caught"]
    ]
    for result in results {
      let share = blindCredits.flatMap {
        $0 > 0 ? Self.percent(Double(result.creditsSpent) / Double($0)) : nil
      }
      table.append([
        result.policy.label, PlanCalendar.grouped(result.creditsSpent), share ?? "n/a",
        PlanCalendar.grouped(result.refreshes), PlanCalendar.grouped(result.refreshesFindingChange),
        "\(PlanCalendar.grouped(result.changesCaught)) of \(PlanCalendar.grouped(result.changes))",
      ])
    }
    lines += Self.render(table)
    let counts = results.first?.tiers.map {
      "\($0.tier.rawValue) \(PlanCalendar.grouped($0.changes))"
    }
    lines += [
      "",
      "Staleness after a real change, median / p95 in days (changes in days 1–\(measuredDays): "
        + "\((counts ?? []).joined(separator: ", ")))",
    ]
    table = [["policy"] + RefreshTier.allCases.map(\.rawValue)]
    for result in results {
      table.append(
        [result.policy.label]
          + result.tiers.map { tier in
            tier.changes == 0 ? "n/a" : "\(Self.days(tier.medianDays)) / \(Self.days(tier.p95Days))"
          })
    }
    lines += Self.render(table)
    let goal = self.goal
    lines += [
      "",
      "Goal (delta planner ≤ 10% of the blind timer's credits, active median staleness ≤ 1 day): "
        + "\(goal.met ? "met" : "NOT met"); credits \(goal.creditShare.map(Self.percent) ?? "n/a"), "
        + "active median \(Self.days(goal.activeMedianDays)) d.",
      "Uncaught changes count as infinitely stale; \"never\" means that percentile was not caught in the run.",
    ]
    return lines.joined(separator: "\n")
  }

  /// Rows as aligned text: the first column left-aligned, the others right-aligned.
  private static func render(_ rows: [[String]]) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in
      rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
    return rows.map { row in
      row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + padding : "  " + padding + cell
      }.joined()
    }
  }

  private static func percent(_ share: Double) -> String {
    String(format: "%.1f%%", share * 100)
  }

  private static func days(_ value: Double?) -> String {
    value.map { String(format: "%.1f", $0) } ?? "never"
  }
}
