/// The options every command accepts, before or after its name: `--config`, `--db`, `--json`, `--help`.
struct CLIGlobalOptions: Sendable, Equatable {
  /// `--config FILE`: the configuration file to read instead of `./talentwatch.json`.
  var configFile: String?
  /// `--db PATH`: overrides `database`.
  var database: String?
  /// `--json`: machine-readable output where a command prints data.
  var json = false
  /// `--help` or `-h`: print help instead of running.
  var help = false

  /// How the global options read in help.
  static let options: [CommandOption] = [
    .option(
      "config", value: "FILE",
      help: "Read this configuration file (default ./talentwatch.json if present)."),
    .option("db", value: "PATH", help: "Use this database file instead of the configured one."),
    .flag("json", help: "Print machine-readable JSON where the command prints data."),
    .flag("help", help: "Show help for the command."),
  ]

  /// The overrides of the configuration that global options carry.
  var overrides: Configuration.Overrides { Configuration.Overrides(database: database) }

  /// Records global option `name`, taking its value from `inline` (`--db=PATH`) or from `next()`;
  /// false when `name` is not a global option.
  mutating func accept(_ name: String, inline: String?, next: () throws(UsageError) -> String)
    throws(UsageError) -> Bool
  {
    func take() throws(UsageError) -> String {
      if let inline { return inline }
      return try next()
    }
    switch name {
    case "config": configFile = try Self.single(configFile, name, take())
    case "db": database = try Self.single(database, name, take())
    case "json", "help", "h":
      guard inline == nil else { throw UsageError("--\(name) does not take a value") }
      if name == "json" { json = true } else { help = true }
    default: return false
    }
    return true
  }

  /// Refuses a second value and an empty one.
  private static func single(_ existing: String?, _ name: String, _ value: String)
    throws(UsageError) -> String
  {
    guard existing == nil else { throw UsageError("--\(name) given more than once") }
    guard !value.isEmpty else { throw UsageError("--\(name): expected a non-empty path") }
    return value
  }
}
