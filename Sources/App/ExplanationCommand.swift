import Domain

/// `talentwatch explain ID [--json]`: a candidate's explanation, in sentences or complete as JSON.
struct ExplanationCommand: Command {
  /// Selected by `explain`.
  static let name = "explain"
  /// Shown in the overview.
  static let abstract =
    "Explain what is held about a candidate, where it came from and how they were scored."
  /// The candidate id.
  static let options: [CommandOption] = [.positional("ID", help: "The candidate id.")]
  /// Needs the database and the retention configuration.
  static let loadsConfiguration = true

  /// The candidate id.
  let candidateID: Int64

  /// Reads the id.
  init(arguments: CommandArguments) throws(UsageError) {
    candidateID = try ComplianceCommandSupport.candidateID(arguments)
  }

  /// Prints the explanation (JSON with `--json`).
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try await ComplianceContext.openDatabase(configuration)
    defer { database.close() }
    let id = candidateID
    let policy = configuration.retention
    let now = SystemClock().now()
    guard
      let explanation = try await database.read({ connection in
        try Explanation.build(candidateID: id, policy: policy, now: now, in: connection)
      })
    else {
      context.output.printError("error: no candidate \(candidateID)")
      return CLIExitCode.failure
    }
    context.output.print(context.globals.json ? explanation.json : explanation.plainText)
    return CLIExitCode.success
  }
}
