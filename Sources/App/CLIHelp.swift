/// The text of `talentwatch`'s usage lines and help pages, built from the commands' declarations.
enum CLIHelp {
  /// The program's name as printed.
  static let program = "talentwatch"

  /// `Usage: talentwatch serve [--listen HOST:PORT] [global options]`.
  static func usage(for command: any Command.Type) -> String {
    let named = command.options.filter(\.isNamed).map(\.usage)
    let positional = command.options.filter { !$0.isNamed }.map(\.usage)
    return (["Usage:", program, command.name] + named + ["[global options]"] + positional)
      .joined(separator: " ")
  }

  /// `Usage: talentwatch token <subcommand> [options]`.
  static func usage(forGroup group: String) -> String {
    "Usage: \(program) \(group) <subcommand> [options]"
  }

  /// `Usage: talentwatch <command> [options]`.
  static let overviewUsage = "Usage: \(program) <command> [options]"

  /// The help page of one command: abstract, usage, its options, the global options.
  static func help(for command: any Command.Type) -> String {
    var lines = ["\(program) \(command.name): \(command.abstract)", "", usage(for: command)]
    let own = command.options
    if !own.isEmpty {
      lines += ["", "Options:"] + table(own)
    }
    lines += ["", "Global options:"] + table(CLIGlobalOptions.options)
    return lines.joined(separator: "\n")
  }

  /// The help page of a command group: its subcommands.
  static func help(forGroup group: String, commands: [any Command.Type]) -> String {
    let members = CommandRegistry.subcommands(of: group, in: commands)
    var lines = [usage(forGroup: group), "", "Subcommands:"]
    lines += table(members.map { (String($0.name.dropFirst(group.count + 1)), $0.abstract) })
    lines += ["", "Run '\(program) help \(group) <subcommand>' for its options."]
    return lines.joined(separator: "\n")
  }

  /// The overview: every command with its abstract, then the global options and exit statuses.
  static func overview(commands: [any Command.Type]) -> String {
    var lines = [
      "\(program): keeps a recruiting team's candidate database true from signed provider webhooks.",
      "",
      overviewUsage, "", "Commands:",
    ]
    lines += table(commands.sorted { $0.name < $1.name }.map { ($0.name, $0.abstract) })
    lines += ["", "Global options:"] + table(CLIGlobalOptions.options)
    lines += [
      "", "Exit status: 0 success, 1 failure, 2 usage error.",
      "Run '\(program) help <command>' for a command's options.",
    ]
    return lines.joined(separator: "\n")
  }

  /// The help for `topic`: overview (nil), a command, or a group; nil when the topic is unknown.
  static func help(topic: String?, commands: [any Command.Type]) -> String? {
    guard let topic else { return overview(commands: commands) }
    if let command = CommandRegistry.command(named: topic, in: commands) {
      return help(for: command)
    }
    if !CommandRegistry.subcommands(of: topic, in: commands).isEmpty {
      return help(forGroup: topic, commands: commands)
    }
    return nil
  }

  /// The usage line to print under a usage error about `commandName` (overview usage when nil or unknown).
  static func usage(commandName: String?, commands: [any Command.Type]) -> String {
    guard let commandName else { return overviewUsage }
    if let command = CommandRegistry.command(named: commandName, in: commands) {
      return usage(for: command)
    }
    if !CommandRegistry.subcommands(of: commandName, in: commands).isEmpty {
      return usage(forGroup: commandName)
    }
    return overviewUsage
  }

  /// Options as two aligned columns.
  private static func table(_ options: [CommandOption]) -> [String] {
    table(options.map { ($0.name == "help" ? "-h, --help" : $0.label, $0.help) })
  }

  /// Rows as two aligned columns, indented by two spaces.
  private static func table(_ rows: [(String, String)]) -> [String] {
    let width = rows.map(\.0.count).max() ?? 0
    return rows.map { left, right in
      "  " + left + String(repeating: " ", count: width - left.count + 3) + right
    }
  }
}
