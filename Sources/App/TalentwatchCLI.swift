import Logging

/// The `talentwatch` program: parses the command line, loads the configuration, runs one command.
///
/// Exit statuses: 0 success, 1 failure (including a bad configuration), 2 usage error.
public enum TalentwatchCLI {
  /// The version `talentwatch version` prints.
  public static let version = "0.1.0"

  /// Runs the command named in `arguments` (without the program name, as in
  /// `CommandLine.arguments.dropFirst()`) and returns the exit status; prints to the process's stdout/stderr.
  public static func main(arguments: [String], environment: [String: String]) async -> Int32 {
    await run(
      arguments: arguments, environment: environment, output: .process,
      logSink: Logger.StandardErrorSink.shared)
  }

  /// `main` with its effects injected, for tests: output, log sink, working directory, commands.
  static func run(
    arguments: [String], environment: [String: String], output: CLIOutput, logSink: any Logger.Sink,
    workingDirectory: String? = nil, commands: [any Command.Type] = CommandRegistry.commands
  ) async -> Int32 {
    let invocation: CLIInvocation
    do {
      invocation = try CLIParser(commands: commands).parse(arguments)
    } catch {
      reportUsage(error, output: output, commands: commands)
      return CLIExitCode.usage
    }

    switch invocation {
    case .help(let topic):
      guard let text = CLIHelp.help(topic: topic, commands: commands) else {
        reportUsage(
          UsageError("unknown command \"\(topic ?? "")\""), output: output, commands: commands)
        return CLIExitCode.usage
      }
      output.print(text)
      return CLIExitCode.success

    case .run(let command, let globals):
      var configuration: Configuration?
      if type(of: command).loadsConfiguration {
        var overrides = command.configurationOverrides
        overrides.database = globals.database ?? overrides.database
        do {
          configuration = try Configuration.load(
            file: globals.configFile, overrides: overrides, environment: environment,
            workingDirectory: workingDirectory)
        } catch {
          let origin = error.file.map { " in \($0)" } ?? ""
          output.printError("\(CLIHelp.program): configuration error\(origin): \(error)")
          return CLIExitCode.failure
        }
      }
      let logger = Logger(
        label: CLIHelp.program, level: configuration?.logLevel ?? .info, sink: logSink)
      let context = CommandContext(
        globals: globals, configuration: configuration, logger: logger, output: output,
        environment: environment)
      do {
        return try await command.run(context)
      } catch let error as UsageError {
        reportUsage(error.about(type(of: command).name), output: output, commands: commands)
        return CLIExitCode.usage
      } catch {
        output.printError("\(CLIHelp.program): error: \(error)")
        return CLIExitCode.failure
      }
    }
  }

  /// Prints a usage error: one line saying what is wrong, the usage line, and where to read more.
  private static func reportUsage(
    _ error: UsageError, output: CLIOutput, commands: [any Command.Type]
  ) {
    output.printError("\(CLIHelp.program): \(error.message)")
    output.printError(CLIHelp.usage(commandName: error.commandName, commands: commands))
    let topic = error.commandName.map { " \($0)" } ?? ""
    output.printError("Run '\(CLIHelp.program) help\(topic)' for more.")
  }
}
