/// `talentwatch help [command]`: the overview, or the help page of a command or command group.
struct HelpCommand: Command {
  /// Selected by `help`.
  static let name = "help"
  /// Shown in the overview.
  static let abstract = "Show the commands, or the options of one command."
  /// The topic: zero or more words naming a command (`help token new`).
  static let options: [CommandOption] = [
    .positional(
      "command", arity: .zeroOrMore, help: "The command to explain; all commands when absent.")
  ]
  /// Needs no configuration.
  static let loadsConfiguration = false

  /// The words of the topic, joined; nil for the overview.
  let topic: String?

  /// Reads the topic words.
  init(arguments: CommandArguments) throws(UsageError) {
    let words = arguments.positionalValues("command")
    topic = words.isEmpty ? nil : words.joined(separator: " ")
  }

  /// Refuses a topic that names no command or group.
  func validate() throws(UsageError) {
    guard CLIHelp.help(topic: topic, commands: CommandRegistry.commands) != nil else {
      throw UsageError("unknown command \"\(CLIParser.printable(topic ?? ""))\"")
    }
  }

  /// Prints the help text on standard output.
  func run(_ context: CommandContext) async throws -> Int32 {
    guard let text = CLIHelp.help(topic: topic, commands: CommandRegistry.commands) else {
      throw UsageError("unknown command \"\(CLIParser.printable(topic ?? ""))\"")
    }
    context.output.print(text)
    return CLIExitCode.success
  }
}
