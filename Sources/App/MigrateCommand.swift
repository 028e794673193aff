/// `talentwatch migrate`: brings the database schema up to date.
struct MigrateCommand: Command {
  /// Selected by `migrate`.
  static let name = "migrate"
  /// Shown in the overview.
  static let abstract = "Bring the database schema up to date."
  /// No options beyond the global ones (`--db` chooses the database).
  static let options: [CommandOption] = []
  /// Migrates the configured database.
  static let loadsConfiguration = true

  /// Takes nothing from the command line.
  init(arguments: CommandArguments) throws(UsageError) {}

  /// Hands the configuration to the runtime, which applies pending migrations.
  func run(_ context: CommandContext) async throws -> Int32 {
    try await Runtime.migrate(
      configuration: context.requireConfiguration(), logger: context.logger, output: context.output)
  }
}
