import Domain
import Foundation
import Storage

/// `talentwatch refresh run [--json]`: recovers in-flight items, plans, and executes the due refreshes
/// through the configured provider within the day's credit budget.
struct RefreshRunCommand: Command {
  /// Selected by `refresh run`.
  static let name = "refresh run"
  /// Shown in the overview.
  static let abstract = "Plan and execute due refreshes through the enrichment provider."
  /// No options beyond the global ones.
  static let options: [CommandOption] = []
  /// Needs the database and the provider.
  static let loadsConfiguration = true

  /// Takes nothing from the command line.
  init(arguments: CommandArguments) throws(UsageError) {}

  /// Runs one cycle and prints what it did.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    try await database.write { _ = try migrator.migrate($0) }
    let clock = SystemClock()
    let executor = try RefreshEnricherFactory.executor(
      configuration: configuration, database: database, clock: clock,
      logger: context.logger.labeled("refresh"))
    // One executor at a time: a running `serve` may be calling the provider for items it claimed.
    guard let lock = RefreshLock.tryAcquire(databasePath: configuration.database) else {
      context.output.printError(
        "error: another process (serve, or a refresh run) is refreshing this database; try again later"
      )
      return CLIExitCode.failure
    }
    defer { withExtendedLifetime(lock) {} }
    let recovered = try await executor.recover()
    let cycle = RefreshCycle(builder: PlanBuilder(configuration: configuration), executor: executor)
    var (plan, summary) = try await cycle.run()
    summary.recoveredDone = recovered.done
    summary.recoveredReplanned = recovered.replanned
    if context.globals.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      context.output.print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    } else {
      context.output.print("Plan: \(plan.summary).")
      context.output.print("Refresh: \(summary.sentence).")
    }
    return CLIExitCode.success
  }
}
