import Foundation

/// `talentwatch version`: prints the program's version (`--json`: as an object).
struct VersionCommand: Command {
  /// Selected by `version`.
  static let name = "version"
  /// Shown in the overview.
  static let abstract = "Print the version of talentwatch."
  /// No options beyond the global ones.
  static let options: [CommandOption] = []
  /// Needs no configuration, so it works even when the configuration is broken.
  static let loadsConfiguration = false

  /// Takes nothing from the command line.
  init(arguments: CommandArguments) throws(UsageError) {}

  /// Prints `talentwatch 0.1.0`, or `{"name":"talentwatch","version":"0.1.0"}` with `--json`.
  func run(_ context: CommandContext) async throws -> Int32 {
    if context.globals.json {
      let object = ["name": CLIHelp.program, "version": TalentwatchCLI.version]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      context.output.print(String(decoding: data, as: UTF8.self))
    } else {
      context.output.print("\(CLIHelp.program) \(TalentwatchCLI.version)")
    }
    return CLIExitCode.success
  }
}
