import Domain
import Foundation

/// `talentwatch retention run [--dry-run]`: applies the retention rules once (or lists what they would do).
struct RetentionRunCommand: Command {
  /// Selected by `retention run`.
  static let name = "retention run"
  /// Shown in the overview.
  static let abstract = "Purge what the retention rules say is due (--dry-run: only list it)."
  /// `--dry-run`.
  static let options: [CommandOption] = [
    .flag("dry-run", help: "List who would be purged, when it became due and under which rule.")
  ]
  /// Needs the database and the retention configuration.
  static let loadsConfiguration = true

  /// Whether to change nothing.
  let dryRun: Bool

  /// Reads `--dry-run`.
  init(arguments: CommandArguments) throws(UsageError) { dryRun = arguments.flag("dry-run") }

  /// Runs the retention service once and prints its actions.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try await ComplianceContext.openDatabase(configuration)
    defer { database.close() }
    let service = RetentionService(
      context: ComplianceContext(
        database: database, configuration: configuration, clock: SystemClock()),
      logger: context.logger.labeled("retention"))
    let report = try await service.runOnce(dryRun: dryRun)
    if context.globals.json {
      context.output.print(ComplianceCommandSupport.json(report))
      return CLIExitCode.success
    }
    let verb = dryRun ? "would delete" : "deleted"
    for action in report.actions {
      let what = action.kind == .purge ? "the whole record" : "the contact data"
      context.output.print(
        "candidate \(action.candidateID): \(verb) \(what), due \(ComplianceDates.rfc3339(action.dueAt)), "
          + "rule \(action.rule.rawValue) (\(action.rule.summary))")
    }
    context.output.print(
      "\(report.actions.count) candidate(s) \(dryRun ? "due" : "handled")"
        + (dryRun
          ? " (dry run: nothing deleted)"
          : ", \(report.prunedAuditEntries) audit entries pruned, "
            + "\(report.purgedWebhookBodies) expired webhook bodies deleted"))
    return CLIExitCode.success
  }
}
