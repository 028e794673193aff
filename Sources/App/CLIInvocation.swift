/// What a command line asks for, once parsed: help on a topic, or a validated command to run.
enum CLIInvocation: Sendable {
  /// Print help: the overview when `topic` is nil, else the command or command group named `topic`.
  case help(topic: String?)
  /// Run `command` (already built and validated) with the global options.
  case run(any Command, CLIGlobalOptions)
}
