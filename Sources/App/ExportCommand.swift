import Domain
import Storage

/// `talentwatch export ID`: every piece of personal data held about a candidate, as JSON (audited).
struct ExportCommand: Command {
  /// Selected by `export`.
  static let name = "export"
  /// Shown in the overview.
  static let abstract = "Print everything held about a candidate as JSON (GDPR Art. 15)."
  /// The candidate id.
  static let options: [CommandOption] = [.positional("ID", help: "The candidate id.")]
  /// Needs the database and the pepper (the export is audited).
  static let loadsConfiguration = true

  /// The candidate id.
  let candidateID: Int64

  /// Reads the id.
  init(arguments: CommandArguments) throws(UsageError) {
    candidateID = try ComplianceCommandSupport.candidateID(arguments)
  }

  /// Prints the export.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try await ComplianceContext.openDatabase(configuration)
    defer { database.close() }
    let compliance = ComplianceContext(
      database: database, configuration: configuration, clock: SystemClock())
    guard
      let document = try await ComplianceAPI(context: compliance).export(
        candidateID: candidateID, actor: ComplianceCommandSupport.actor(context))
    else {
      context.output.printError("error: no candidate \(candidateID)")
      return CLIExitCode.failure
    }
    context.output.print(document)
    return CLIExitCode.success
  }
}
