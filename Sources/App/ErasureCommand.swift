import Domain
import Foundation
import Storage

/// `talentwatch erase ID --reason TEXT`: erases a candidate now (hard delete, suppression, audit).
struct ErasureCommand: Command {
  /// Selected by `erase`.
  static let name = "erase"
  /// Shown in the overview.
  static let abstract =
    "Erase a candidate now: delete everything, suppress future deliveries, audit it."
  /// The id and the reason.
  static let options: [CommandOption] = [
    .positional("ID", help: "The candidate id."),
    .option(
      "reason", value: "TEXT", help: "Why (kept in the audit log: no personal data).",
      required: true),
  ]
  /// Needs the database and the pepper.
  static let loadsConfiguration = true

  /// The candidate id.
  let candidateID: Int64
  /// The reason.
  let reason: String

  /// Reads the id and the reason; a non-numeric id or a blank reason is a usage error.
  init(arguments: CommandArguments) throws(UsageError) {
    candidateID = try ComplianceCommandSupport.candidateID(arguments)
    let reason = (arguments.value("reason") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else { throw UsageError("--reason: expected a non-empty reason") }
    self.reason = reason
  }

  /// Erases and prints what was deleted (counts only).
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try await ComplianceContext.openDatabase(configuration)
    defer { database.close() }
    let service = ErasureService(
      context: ComplianceContext(
        database: database, configuration: configuration, clock: SystemClock()))
    guard
      let outcome = try await service.erase(
        candidateID: candidateID, actor: ComplianceCommandSupport.actor(context), reason: reason)
    else {
      context.output.printError("error: no candidate \(candidateID)")
      return CLIExitCode.failure
    }
    if context.globals.json {
      context.output.print(ComplianceCommandSupport.json(outcome))
    } else {
      let rows = outcome.deletedRows.values.reduce(0, +)
      context.output.print(
        "erased candidate \(candidateID): \(rows) row(s) deleted, \(outcome.clearedBodies) webhook body(ies) "
          + "deleted, \(outcome.suppressed ? "suppressed" : "not suppressed (no identifiers)"), "
          + "audit entry \(outcome.auditSeq)")
    }
    return CLIExitCode.success
  }
}
