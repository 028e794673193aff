import Logging

/// What a running command is handed: its configuration, a logger, where to print, the global options.
struct CommandContext: Sendable {
  /// The global options as given (`json` decides the output format).
  let globals: CLIGlobalOptions
  /// The loaded configuration with the command line's overrides; nil for commands that do not load one.
  let configuration: Configuration?
  /// The logger configured by `log_level`, writing JSON lines to standard error.
  let logger: Logger
  /// Standard output and error.
  let output: CLIOutput
  /// The process environment (also what `env:NAME` values were read from).
  let environment: [String: String]

  /// The configuration, for commands whose `loadsConfiguration` is true.
  func requireConfiguration() throws -> Configuration {
    guard let configuration else { throw NotLoaded() }
    return configuration
  }

  /// A command asked for a configuration it did not declare it needs: a programming error, exit 1.
  struct NotLoaded: Error, CustomStringConvertible {
    /// What went wrong.
    var description: String {
      "internal error: the command did not declare that it loads the configuration"
    }
  }
}
