/// `talentwatch compliance report`: the record of processing from the live configuration.
struct ComplianceReportCommand: Command {
  /// Selected by `compliance report`.
  static let name = "compliance report"
  /// Shown in the overview.
  static let abstract = "Print the record of processing (GDPR Art. 30) from the live configuration."
  /// No options.
  static let options: [CommandOption] = []
  /// Reads the configuration.
  static let loadsConfiguration = true

  /// Takes nothing from the command line.
  init(arguments: CommandArguments) throws(UsageError) {}

  /// Prints the report (JSON with `--json`).
  func run(_ context: CommandContext) async throws -> Int32 {
    let report = ComplianceReport(configuration: try context.requireConfiguration())
    context.output.print(
      context.globals.json ? ComplianceCommandSupport.json(report) : report.plainText)
    return CLIExitCode.success
  }
}
