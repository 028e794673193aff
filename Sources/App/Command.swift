/// A `talentwatch` subcommand: its name, a one-line abstract, the options it takes, and what it does.
///
/// Adding a command is one file with a type conforming to this protocol plus one line in
/// `CommandRegistry.commands`. The parser builds the command with `init(arguments:)` (converting values,
/// so a bad value is a usage error), calls `validate()`, loads the configuration when
/// `loadsConfiguration` is true, and only then calls `run(_:)`.
protocol Command: Sendable {
  /// The words that select the command (`serve`, `token new`), separated by single spaces.
  static var name: String { get }
  /// One line saying what the command does, for the overview and its help.
  static var abstract: String { get }
  /// The flags, options and positional arguments it takes, besides the global ones.
  static var options: [CommandOption] { get }
  /// Whether the configuration must be loaded (and valid) before `run`.
  static var loadsConfiguration: Bool { get }

  /// Builds the command from its parsed arguments, converting values; a bad value is a usage error.
  init(arguments: CommandArguments) throws(UsageError)

  /// Checks combinations of values before any work starts.
  func validate() throws(UsageError)

  /// Configuration values this command's options replace (`serve --listen`).
  var configurationOverrides: Configuration.Overrides { get }

  /// Does the work; returns the exit status. A thrown error exits 1 with its description.
  func run(_ context: CommandContext) async throws -> Int32
}

extension Command {
  /// No combination checks beyond what `init(arguments:)` does.
  func validate() throws(UsageError) {}

  /// No overrides of the configuration.
  var configurationOverrides: Configuration.Overrides { Configuration.Overrides() }
}
