import Domain
import Foundation
import Logging

/// The refresh job inside `serve`: recovers what a stopped run left in flight, then runs a refresh cycle
/// every `planner.schedule_minutes` until cancelled.
struct RefreshService: Sendable {
  /// The cycle (planner and executor).
  let cycle: RefreshCycle
  /// Where each cycle's outcome is logged (counts only).
  let logger: Logger
  /// Time between cycles.
  let interval: Duration

  /// Runs until cancelled.
  func run() async {
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
    }
    while !Task.isCancelled {
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
      try? await Task.sleep(for: interval)
    }
  }
}
