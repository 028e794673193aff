import Domain
import Foundation
import Storage

/// One refresh cycle: plan against the database, record the refresh items, execute at most as many as the
/// day's budget allowed (in service order). Shared by `refresh run` and `RefreshService`.
struct RefreshCycle: Sendable {
  /// Plans and records.
  let builder: PlanBuilder
  /// Executes.
  let executor: RefreshExecutor

  /// Runs one cycle at the executor's clock's now; returns the plan and what execution did.
  func run() async throws -> (plan: Plan, summary: RefreshRunSummary) {
    let now = executor.clock.now()
    let builder = builder
    let plan = try await executor.database.write { connection in
      let plan = try builder.plan(now: now, in: connection)
      try builder.record(plan, in: connection)
      return plan
    }
    let summary = try await executor.execute(limit: plan.totals.refresh)
    return (plan, summary)
  }
}
