import Domain
import Foundation
import Logging

/// The refresh job inside `serve`: every `planner.schedule_minutes`, under the refresh lock, recovers what
/// a stopped run left in flight and runs a refresh cycle, until cancelled.
struct RefreshService: Sendable {
  /// The cycle (planner and executor).
  let cycle: RefreshCycle
  /// Where each cycle's outcome is logged (counts only).
  let logger: Logger
  /// Time between cycles.
  let interval: Duration

  /// The database file, whose refresh lock each cycle holds (see `RefreshLock`).
  let databasePath: String

  /// Runs until cancelled: each cycle, under the refresh lock, recovers what a stopped run left in
  /// flight and runs; a cycle is skipped while another process holds the lock.
  func run() async {
    while !Task.isCancelled {
      if let lock = RefreshLock.tryAcquire(databasePath: databasePath) {
        await runCycle()
        withExtendedLifetime(lock) {}
      } else {
        logger.notice("refresh cycle skipped: another process is refreshing this database")
      }
      try? await Task.sleep(for: interval)
    }
  }

  /// One cycle: recovery, then planning and execution, each logged (counts only).
  private func runCycle() async {
    do {
      let recovered = try await cycle.executor.recover()
      if recovered.done + recovered.replanned > 0 {
        logger.notice(
          "refresh recovered in-flight items",
          [
            "refresh.recovered_done": .integer(recovered.done),
            "refresh.recovered_replanned": .integer(recovered.replanned),
          ])
      }
    } catch {
      logger.error("refresh recovery failed", ["error": .string(String(describing: error))])
      return
    }
    do {
      let (plan, summary) = try await cycle.run()
      logger.info(
        "refresh cycle finished",
        [
          "plan.refresh": .integer(plan.totals.refresh),
          "plan.wait": .integer(plan.totals.waitForBudget),
          "refresh.done": .integer(summary.done), "refresh.failed": .integer(summary.failed),
          "refresh.retried": .integer(summary.retried),
          "refresh.change_events": .integer(summary.changeEvents),
        ])
    } catch {
      logger.error("refresh cycle failed", ["error": .string(String(describing: error))])
    }
  }
}
