import Domain
import Foundation
import Logging
import Storage

/// Lets the service's work finish the demo week: waits until every delivery is processed, runs one
/// planner + refresh cycle (what `serve` does on its schedule), lets the re-matcher score the changes, and
/// waits until the notifier has delivered what the changes caused.
struct DemoWork {
  let service: TalentwatchService
  let configuration: Configuration
  let clock: any Clock
  let logger: Logger

  func settle(receiver: DemoReceiver) async throws -> RefreshRunSummary? {
    try await waitForInbox()
    var refreshed: RefreshRunSummary?
    if configuration.provider != nil {
      // The service's own refresh job may be in a cycle: take the refresh lock after it (30 s at most).
      var lock = RefreshLock.tryAcquire(databasePath: configuration.database)
      for _ in 0..<300 where lock == nil {
        try await Task.sleep(for: .milliseconds(100))
        lock = RefreshLock.tryAcquire(databasePath: configuration.database)
      }
      defer { withExtendedLifetime(lock) {} }
      let cycle = RefreshCycle(
        builder: PlanBuilder(configuration: configuration),
        executor: try RefreshEnricherFactory.executor(
          configuration: configuration, database: service.database, clock: clock,
          logger: logger.labeled("refresh")))
      refreshed = try await cycle.run().summary
    }
    try await rematch()
    try await waitForNotifications()
    return refreshed
  }

  /// One re-matcher pass over the change events and new vacancies (what `serve` does every few seconds),
  /// with its match events going to the notifier's outbox.
  func rematch() async throws {
    let pass = try Rematcher.configured(configuration, clock: clock)
    _ = try await service.database.write { connection in try pass.runDue(in: connection) }
  }

  /// Waits (at most a minute) until no delivery is pending.
  func waitForInbox() async throws {
    let database = service.database
    for _ in 0..<600 {
      let pending = try await database.read { try InboxStore.countByStatus(in: $0)[.pending] ?? 0 }
      if pending == 0 { return }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// What the planner would decide now, without recording anything (`talentwatch plan --dry-run`).
  func dryRunPlan() async throws -> Plan {
    let builder = PlanBuilder(configuration: configuration)
    let now = clock.now()
    return try await service.database.read { connection in
      try builder.plan(now: now, in: connection)
    }
  }

  /// Waits (at most 30 s) until no notification is waiting for delivery.
  private func waitForNotifications() async throws {
    let database = service.database
    for _ in 0..<300 {
      let open = try await database.read { connection in
        let counts = try OutboxStore.countByStatus(in: connection)
        return (counts[.pending] ?? 0) + (counts[.delivering] ?? 0)
      }
      if open == 0 { return }
      try await Task.sleep(for: .milliseconds(100))
    }
  }
}
