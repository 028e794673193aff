import Domain
import Foundation
import Storage

/// `talentwatch plan [--dry-run] [--json]`: the delta planner's decisions, each with its reason.
///
/// Without `--dry-run` the refresh items are recorded as planned (for `refresh run` or the service) and
/// signals older than their record leave the planning queue; with it nothing is written.
struct PlanCommand: Command {
  /// Selected by `plan`.
  static let name = "plan"
  /// Shown in the overview.
  static let abstract = "Show the delta planner's decisions, each with its reason; record them."
  /// `--dry-run` and `--limit`.
  static let options: [CommandOption] = [
    .flag("dry-run", help: "Print the decisions without recording anything."),
    .option("limit", value: "N", help: "Print at most N items (text output; default all)."),
  ]
  /// Reads the configured database.
  static let loadsConfiguration = true

  /// Whether nothing is written.
  let dryRun: Bool
  /// How many items the text output shows.
  let limit: Int?

  /// Reads `--dry-run` and `--limit`.
  init(arguments: CommandArguments) throws(UsageError) {
    dryRun = arguments.flag("dry-run")
    if let text = arguments.value("limit") {
      guard let value = Int(text), value >= 0 else {
        throw UsageError("--limit must be a non-negative integer")
      }
      limit = value
    } else {
      limit = nil
    }
  }

  /// Plans against the configured database and prints every decision.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    try await database.write { _ = try migrator.migrate($0) }
    let builder = PlanBuilder(configuration: configuration)
    let dryRun = dryRun
    let now = SystemClock().now()
    let (plan, recorded) = try await database.write { connection in
      let plan = try builder.plan(now: now, in: connection)
      return (plan, dryRun ? 0 : try builder.record(plan, in: connection))
    }
    if context.globals.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      context.output.print(String(decoding: try encoder.encode(plan), as: UTF8.self))
    } else {
      context.output.print(plan.formatted(limit: limit))
      context.output.print(
        dryRun
          ? "Dry run: nothing recorded."
          : "Recorded \(recorded) new refresh item(s); run `talentwatch refresh run` to execute them."
      )
    }
    context.logger.info(
      "plan built",
      [
        "plan.refresh": .integer(plan.totals.refresh),
        "plan.wait": .integer(plan.totals.waitForBudget),
        "plan.skip": .integer(plan.totals.skip), "plan.recorded": .integer(recorded),
      ])
    return CLIExitCode.success
  }
}
