/// `talentwatch demo [--once]`: the main job `make run` runs. Starts the provider sandbox and the service on
/// loopback with a fresh embedded database, plays the scripted week from `fixtures/demo/`, prints a summary a
/// recruiting lead understands, then keeps serving until Ctrl-C (or exits, with `--once`).
struct DemoCommand: Command {
  static let name = "demo"
  static let abstract =
    "Play the scripted demo week against the bundled provider sandbox and print what happened."
  static let options: [CommandOption] = [
    .flag("once", help: "Exit after the summary instead of serving until Ctrl-C."),
    .option(
      "fixtures", value: "DIR", help: "The fixtures folder (default ./fixtures)."),
    .option(
      "directory", value: "DIR",
      help: "Where the demo keeps its database and configuration (default var/demo; wiped first)."),
  ]
  static let loadsConfiguration = false

  let once: Bool
  let fixtures: String
  let directory: String

  init(arguments: CommandArguments) throws(UsageError) {
    once = arguments.flag("once")
    fixtures = arguments.value("fixtures") ?? "fixtures"
    directory = arguments.value("directory") ?? "var/demo"
  }

  func run(_ context: CommandContext) async throws -> Int32 {
    try await DemoRunner(
      fixturesPath: fixtures, directoryPath: directory, once: once, logger: context.logger,
      output: context.output
    ).run()
  }
}
