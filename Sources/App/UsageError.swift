/// A command line that cannot be run as written: unknown command or option, missing or bad value.
///
/// Reported as one line plus the command's usage on standard error, with exit status 2.
struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, in one line (`unknown option "--colour"`).
  let message: String
  /// The command whose usage to show, by its full name; nil for the program's overview.
  let commandName: String?

  /// Creates a usage error, optionally about one command.
  init(_ message: String, command commandName: String? = nil) {
    self.message = message
    self.commandName = commandName
  }

  /// The message alone.
  var description: String { message }

  /// The same error attributed to `command`, unless it already names one.
  func about(_ command: String) -> UsageError {
    commandName == nil ? UsageError(message, command: command) : self
  }
}
