import Domain
import Storage

/// `talentwatch audit verify`: walks the audit hash chain and names the first entry that does not fit.
struct AuditVerifyCommand: Command {
  /// Selected by `audit verify`.
  static let name = "audit verify"
  /// Shown in the overview.
  static let abstract = "Check the audit log's hash chain; name the first entry that does not fit."
  /// No options.
  static let options: [CommandOption] = []
  /// Needs the database.
  static let loadsConfiguration = true

  /// Takes nothing from the command line.
  init(arguments: CommandArguments) throws(UsageError) {}

  /// Exits 0 when the chain is intact, 1 with the first broken entry otherwise.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try await ComplianceContext.openDatabase(configuration)
    defer { database.close() }
    let result = try await database.read { connection in
      try connection.transaction { try AuditLogStore.verify(in: connection) }
    }
    if let failure = result.failure {
      context.output.print(
        "audit chain broken at entry \(failure.seq): \(failure.reason) (\(result.checked) entries checked)"
      )
      return CLIExitCode.failure
    }
    context.output.print("audit chain intact: \(result.checked) entries verified")
    return CLIExitCode.success
  }
}
