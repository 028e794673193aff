public import Logging
/// Where commands meet the services: a stub until the server and storage modules are wired in.
///
/// The lead replaces this file; the commands call only these two functions.
enum Runtime {
  /// Runs the server and background services until shutdown; not wired yet, so it fails.
  static func serve(configuration: Configuration, logger: Logger) async throws -> Int32 {
    logger.error("not wired yet", ["command": "serve", "listen": "\(configuration.listen)"])
    return CLIExitCode.failure
  }

  /// Applies pending database migrations; not wired yet, so it fails.
  static func migrate(configuration: Configuration, logger: Logger) async throws -> Int32 {
    logger.error("not wired yet", ["command": "migrate", "database": "\(configuration.database)"])
    return CLIExitCode.failure
  }
}
