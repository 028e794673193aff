import Domain
import Foundation
import Storage

/// Builds the delta plan from the database: loads only what can be due, applies the day's credit budget,
/// and (unless dry-running) records the refresh items and retires the queued signals found older than
/// their record.
struct PlanBuilder: Sendable {
  /// The rules (`planner` configuration).
  let policy: PlannerPolicy
  /// Credits per UTC day (`provider.credits_per_day`); nil when no provider is configured (no limit).
  let creditsPerDay: Int?
  /// Dates a record's retention purge; `init(configuration:)` uses the retention job's own rule code.
  let retentionPurgeAt: @Sendable (PlanningRetentionFacts) -> Date?

  /// Creates a builder.
  init(
    policy: PlannerPolicy, creditsPerDay: Int?,
    retentionPurgeAt: @escaping @Sendable (PlanningRetentionFacts) -> Date? = { _ in nil }
  ) {
    self.policy = policy
    self.creditsPerDay = creditsPerDay
    self.retentionPurgeAt = retentionPurgeAt
  }

  /// The builder the configuration describes.
  /// The planner of `serve` and the commands: the retention guard uses the same rule code as the retention
  /// job (`RetentionPolicy.purgeDueAt`), so a record about to be purged is never paid for.
  init(configuration: Configuration) {
    let retention = configuration.retention
    self.init(
      policy: configuration.planner.policy, creditsPerDay: configuration.provider?.creditsPerDay,
      retentionPurgeAt: { facts in
        guard let sourcedAt = facts.sourcedAt else { return nil }
        return retention.purgeDueAt(
          sourcedAt: sourcedAt, contactedAt: facts.contactedAt,
          art14NoticeSentAt: facts.art14NoticeSentAt)?.dueAt
      })
  }

  /// The plan at `now`, read in one snapshot of `connection`.
  func plan(now: Date, in connection: Connection) throws -> Plan {
    let input = try connection.transaction {
      try PlanningInputStore.load(
        policy: policy, now: now, retentionPurgeAt: retentionPurgeAt, in: connection)
    }
    let budget =
      creditsPerDay.map {
        CreditBudget(dailyLimit: $0, spentToday: input.creditsSpentToday, day: now)
      } ?? .unlimited(day: now)
    return try Planner(policy: policy).plan(
      candidates: input.candidates, signals: input.signals, budget: budget, now: now)
  }

  /// Records `plan`: a planned item per refresh (one open item per candidate at most) and the older
  /// signals taken off the queue. Returns how many items were inserted.
  @discardableResult
  func record(_ plan: Plan, in connection: Connection) throws -> Int {
    try connection.transaction {
      let inserted = try PlanItemStore.insertPlanned(plan, in: connection)
      for item in plan.items where !item.olderSignalIDs.isEmpty {
        try PlanningInputStore.dequeue(signalIDs: item.olderSignalIDs, in: connection)
      }
      return inserted
    }
  }
}
