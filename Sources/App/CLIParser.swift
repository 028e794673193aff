/// Turns `talentwatch`'s arguments into a validated command, or a usage error, without running anything.
///
/// Grammar: `[global options] <command words> [options and positionals]`, where global options may also
/// appear after the command, `--name=value` equals `--name value`, and `--` ends option parsing.
/// `--help` (or `-h`) anywhere before `--` asks for help on the command instead of running it.
struct CLIParser: Sendable {
  /// The commands that can be selected.
  let commands: [any Command.Type]

  /// Creates a parser for `commands` (the registry by default).
  init(commands: [any Command.Type] = CommandRegistry.commands) {
    self.commands = commands
  }

  /// Parses `arguments` (without the program name).
  func parse(_ arguments: [String]) throws(UsageError) -> CLIInvocation {
    var globals = CLIGlobalOptions()
    var index = 0

    // Global options before the command's name.
    while index < arguments.count, Self.isOptionToken(arguments[index]) {
      let (name, inlineValue) = Self.split(arguments[index])
      index += 1
      let accepted = try globals.accept(name, inline: inlineValue) {
        () throws(UsageError) -> String in
        try Self.value(for: name, arguments: arguments, index: &index)
      }
      guard accepted else {
        throw UsageError("unknown option \"\(Self.printable(arguments[index - 1]))\"")
      }
    }

    // The command's name: the longest run of leading words that names a command.
    var words: [String] = []
    while index + words.count < arguments.count, !arguments[index + words.count].hasPrefix("-") {
      words.append(arguments[index + words.count])
    }
    guard !words.isEmpty else {
      if globals.help { return .help(topic: nil) }
      throw UsageError(
        index < arguments.count
          ? "expected a command before \"\(arguments[index])\"" : "missing command")
    }
    var command: (any Command.Type)?
    var nameLength = 0
    for length in stride(from: words.count, through: 1, by: -1) {
      if let found = CommandRegistry.command(
        named: words[..<length].joined(separator: " "), in: commands)
      {
        command = found
        nameLength = length
        break
      }
    }
    let rest = Array(arguments[(index + nameLength)...])
    guard let command else {
      return try unmatched(words: words, rest: rest, globals: globals)
    }
    if globals.help || Self.asksForHelp(rest) { return .help(topic: command.name) }

    do {
      let parsed = try Self.parseOptions(rest, of: command, globals: &globals)
      let built = try command.init(arguments: parsed)
      try built.validate()
      return .run(built, globals)
    } catch {
      throw error.about(command.name)
    }
  }

  /// Words that name no command: help or a usage error for a command group, else an unknown command.
  private func unmatched(words: [String], rest: [String], globals: CLIGlobalOptions)
    throws(UsageError)
    -> CLIInvocation
  {
    // The longest leading words that name a group (`token` for `token new`).
    for length in stride(from: words.count, through: 1, by: -1) {
      let group = words[..<length].joined(separator: " ")
      let members = CommandRegistry.subcommands(of: group, in: commands)
      guard !members.isEmpty else { continue }
      if length == words.count && (globals.help || Self.asksForHelp(rest)) {
        return .help(topic: group)
      }
      let choices = members.map { String($0.name.dropFirst(group.count + 1)) }.joined(
        separator: ", ")
      if length == words.count {
        throw UsageError("\(group): missing subcommand (one of \(choices))", command: group)
      }
      throw UsageError(
        "\(group): unknown subcommand \"\(Self.printable(words[length]))\" (one of \(choices))",
        command: group)
    }
    throw UsageError("unknown command \"\(Self.printable(words[0]))\"")
  }

  /// Parses what follows the command's name against its options and the global ones.
  static func parseOptions(
    _ tokens: [String], of command: any Command.Type, globals: inout CLIGlobalOptions
  )
    throws(UsageError) -> CommandArguments
  {
    var parsed = CommandArguments()
    var positionals: [String] = []
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      index += 1
      if token == "--" {
        positionals.append(contentsOf: tokens[index...])
        break
      }
      guard isOptionToken(token) else {
        positionals.append(token)
        continue
      }
      let (name, inlineValue) = split(token)
      if let option = command.options.first(where: { $0.isNamed && $0.name == name }) {
        switch option.kind {
        case .flag:
          guard inlineValue == nil else { throw UsageError("--\(name) does not take a value") }
          parsed.flags.insert(name)
        case .option:
          var value = inlineValue ?? ""
          if inlineValue == nil {
            value = try Self.value(for: name, arguments: tokens, index: &index)
          }
          if parsed.options[name] != nil && !option.isRepeatable {
            throw UsageError("--\(name) given more than once")
          }
          parsed.options[name, default: []].append(value)
        case .positional:
          break
        }
        continue
      }
      let accepted = try globals.accept(name, inline: inlineValue) {
        () throws(UsageError) -> String in
        try value(for: name, arguments: tokens, index: &index)
      }
      guard accepted else { throw UsageError("unknown option \"\(printable(token))\"") }
    }

    for option in command.options where option.isRequired && parsed.options[option.name] == nil {
      throw UsageError("missing required option --\(option.name)")
    }
    parsed.positionals = try assign(positionals, to: command.options)
    return parsed
  }

  /// Distributes positional values over the declared positionals, in order.
  private static func assign(_ values: [String], to options: [CommandOption]) throws(UsageError)
    -> [String: [String]]
  {
    var remaining = values[...]
    var assigned: [String: [String]] = [:]
    for option in options {
      guard case .positional(let arity) = option.kind else { continue }
      switch arity {
      case .one:
        guard let value = remaining.popFirst() else {
          throw UsageError("missing argument <\(option.name)>")
        }
        assigned[option.name] = [value]
      case .optional:
        if let value = remaining.popFirst() { assigned[option.name] = [value] }
      case .oneOrMore:
        guard !remaining.isEmpty else { throw UsageError("missing argument <\(option.name)>") }
        assigned[option.name] = Array(remaining)
        remaining = []
      case .zeroOrMore:
        assigned[option.name] = Array(remaining)
        remaining = []
      }
    }
    if let extra = remaining.first {
      throw UsageError("unexpected argument \"\(printable(extra))\"")
    }
    return assigned
  }

  /// The value of an option given as `--name VALUE`: the next argument, unless that is another option.
  private static func value(for name: String, arguments: [String], index: inout Int)
    throws(UsageError)
    -> String
  {
    guard index < arguments.count, !arguments[index].hasPrefix("--") else {
      throw UsageError("missing value for --\(name)")
    }
    index += 1
    return arguments[index - 1]
  }

  /// Whether `--help` or `-h` appears before any `--`.
  private static func asksForHelp(_ tokens: [String]) -> Bool {
    for token in tokens {
      if token == "--" { return false }
      if token == "--help" || token == "-h" { return true }
    }
    return false
  }

  /// Whether `token` is spelled as an option (`--name`, `-h`); a lone `-` is a value.
  private static func isOptionToken(_ token: String) -> Bool {
    token.hasPrefix("-") && token != "-" && token != "--"
  }

  /// `--name=value` → (`name`, `value`); `--name` → (`name`, nil); `-h` → (`h`, nil).
  private static func split(_ token: String) -> (String, String?) {
    let body = token.hasPrefix("--") ? token.dropFirst(2) : token.dropFirst(1)
    guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
    return (String(body[..<equals]), String(body[body.index(after: equals)...]))
  }

  /// A user-supplied word, shortened and on one line, for an error message.
  static func printable(_ text: String) -> String { ConfigurationValue.printable(text) }
}
