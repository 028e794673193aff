import Logging
import Testing

@testable import App

/// A command with every kind of argument, to test the parser apart from the real commands.
private struct ExportCommand: Command {
  static let name = "inbox export"
  static let abstract = "Export stored deliveries."
  static let options: [CommandOption] = [
    .option("out", value: "DIR", help: "Where to write.", required: true),
    .option("status", value: "S", help: "Only these statuses.", repeatable: true),
    .flag("dry-run", help: "Only list."),
    .positional("ID", arity: .oneOrMore, help: "Deliveries to export."),
  ]
  static let loadsConfiguration = false

  let arguments: CommandArguments

  init(arguments: CommandArguments) throws(UsageError) { self.arguments = arguments }

  func validate() throws(UsageError) {
    if arguments.flag("dry-run") && arguments.values("status").contains("all") {
      throw UsageError("--dry-run cannot be combined with --status all")
    }
  }

  func run(_ context: CommandContext) async throws -> Int32 { 0 }
}

/// A second member of the `inbox` group.
private struct ListCommand: Command {
  static let name = "inbox list"
  static let abstract = "List stored deliveries."
  static let options: [CommandOption] = []
  static let loadsConfiguration = false
  init(arguments: CommandArguments) throws(UsageError) {}
  func run(_ context: CommandContext) async throws -> Int32 { 0 }
}

/// The real commands plus the test group (which stands in for the real `inbox` commands).
private let commands: [any Command.Type] =
  CommandRegistry.commands.filter { !$0.name.hasPrefix("inbox ") }
  + [ExportCommand.self, ListCommand.self]

/// Parses `arguments`, expecting a usage error, and returns it.
private func usageError(_ arguments: [String]) -> UsageError? {
  do {
    let invocation = try CLIParser(commands: commands).parse(arguments)
    Issue.record("expected a usage error for \(arguments), got \(invocation)")
    return nil
  } catch {
    return error
  }
}

/// Parses `arguments`, expecting a command to run, and returns it with the global options.
private func parsedCommand(_ arguments: [String]) throws -> (any Command, CLIGlobalOptions) {
  let invocation = try CLIParser(commands: commands).parse(arguments)
  guard case .run(let command, let globals) = invocation else {
    Issue.record("expected a command for \(arguments), got \(invocation)")
    throw UsageError("not a command")
  }
  return (command, globals)
}

/// Parses `arguments`, expecting a request for help, and returns its topic.
private func helpTopic(_ arguments: [String]) throws -> String?? {
  let invocation = try CLIParser(commands: commands).parse(arguments)
  guard case .help(let topic) = invocation else { return .none }
  return .some(topic)
}

@Suite("CLI: parsing the command line")
struct CLIParserTests {
  @Test("an unknown command is a usage error about the program")
  func unknownCommand() {
    let error = usageError(["frobnicate"])
    #expect(error?.message == #"unknown command "frobnicate""#)
    #expect(error?.commandName == nil)
    #expect(usageError([])?.message == "missing command")
  }

  @Test("an unknown option is a usage error about the command")
  func unknownOption() {
    let error = usageError(["serve", "--colour", "red"])
    #expect(error?.message == #"unknown option "--colour""#)
    #expect(error?.commandName == "serve")
    #expect(usageError(["--colour", "serve"])?.message == #"unknown option "--colour""#)
    #expect(usageError(["version", "-x"])?.message == #"unknown option "-x""#)
  }

  @Test("an option without its value is a usage error, also when another option follows")
  func missingValue() {
    #expect(usageError(["serve", "--listen"])?.message == "missing value for --listen")
    #expect(usageError(["serve", "--listen", "--json"])?.message == "missing value for --listen")
    #expect(usageError(["--config"])?.message == "missing value for --config")
    #expect(usageError(["migrate", "--db", ""])?.message == "--db: expected a non-empty path")
  }

  @Test("a value of the wrong shape is a usage error found before anything runs")
  func badValue() {
    let error = usageError(["serve", "--listen", "everywhere"])
    #expect(error?.message == #"--listen: expected "HOST:PORT""#)
    #expect(error?.commandName == "serve")
    #expect(usageError(["version", "--json=yes"])?.message == "--json does not take a value")
    #expect(usageError(["version", "extra"])?.message == #"unexpected argument "extra""#)
    #expect(
      usageError(["migrate", "--db", "a.db", "--db", "b.db"])?.message
        == "--db given more than once")
  }

  @Test("--help and -h ask for help on the command wherever they appear, even beside mistakes")
  func help() throws {
    #expect(try helpTopic(["--help"]) == .some(nil))
    #expect(try helpTopic(["-h"]) == .some(nil))
    #expect(try helpTopic(["serve", "--help"]) == .some("serve"))
    #expect(try helpTopic(["--help", "serve"]) == .some("serve"))
    #expect(try helpTopic(["serve", "--listen", "nonsense", "-h"]) == .some("serve"))
    #expect(try helpTopic(["inbox", "--help"]) == .some("inbox"))
    let (command, _) = try parsedCommand(["help", "serve"])
    #expect((command as? HelpCommand)?.topic == "serve")
    #expect(usageError(["help", "nothing"])?.message == #"unknown command "nothing""#)
  }

  @Test("global options are accepted before and after the command, with = or a separate value")
  func globalOptions() throws {
    let (command, globals) = try parsedCommand([
      "--config", "tw.json", "serve", "--db=x.db", "--listen=127.0.0.1:0", "--json",
    ])
    #expect(
      globals == CLIGlobalOptions(configFile: "tw.json", database: "x.db", json: true, help: false))
    let serve = try #require(command as? ServeCommand)
    #expect(serve.listen == Configuration.ListenAddress(host: "127.0.0.1", port: 0))
    #expect(serve.configurationOverrides.listen?.port == 0)
  }

  @Test("positionals, required and repeatable options, and -- are handled by the declarations")
  func declaredArguments() throws {
    let (command, _) = try parsedCommand([
      "inbox", "export", "a", "--status", "pending", "b", "--out", "dir", "--status=ignored", "--",
      "--c",
    ])
    let export = try #require(command as? ExportCommand)
    #expect(export.arguments.positionalValues("ID") == ["a", "b", "--c"])
    #expect(export.arguments.value("out") == "dir")
    #expect(export.arguments.values("status") == ["pending", "ignored"])
    #expect(!export.arguments.flag("dry-run"))
    #expect(usageError(["inbox", "export", "a"])?.message == "missing required option --out")
    #expect(usageError(["inbox", "export", "--out", "d"])?.message == "missing argument <ID>")
    #expect(
      usageError(["inbox", "export", "a", "--out", "d", "--out", "e"])?.message
        == "--out given more than once")
    #expect(
      usageError(["inbox", "export", "a", "--out", "d", "--dry-run=1"])?.message
        == "--dry-run does not take a value")
  }

  @Test("validate() runs during parsing, so a bad combination never reaches run")
  func validateRunsDuringParsing() {
    let error = usageError(["inbox", "export", "a", "--out", "d", "--dry-run", "--status", "all"])
    #expect(error?.message == "--dry-run cannot be combined with --status all")
    #expect(error?.commandName == "inbox export")
  }

  @Test("a command group without a known subcommand is a usage error listing the subcommands")
  func groups() {
    let missing = usageError(["inbox"])
    #expect(missing?.message == "inbox: missing subcommand (one of export, list)")
    #expect(missing?.commandName == "inbox")
    #expect(
      usageError(["inbox", "purge"])?.message
        == #"inbox: unknown subcommand "purge" (one of export, list)"#)
  }

  @Test("usage lines and help pages are built from the declarations")
  func usageText() {
    #expect(
      CLIHelp.usage(for: ExportCommand.self)
        == "Usage: talentwatch inbox export --out DIR [--status S ...] [--dry-run] [global options] <ID>..."
    )
    #expect(
      CLIHelp.usage(for: ServeCommand.self)
        == "Usage: talentwatch serve [--listen HOST:PORT] [global options]")
    let overview = CLIHelp.overview(commands: CommandRegistry.commands)
    for command in CommandRegistry.commands { #expect(overview.contains("  \(command.name)  ")) }
    let group = CLIHelp.help(forGroup: "inbox", commands: commands)
    #expect(group.contains("export") && group.contains("List stored deliveries."))
  }
}
