import Domain
import Foundation
import HTTPServer
import Ingest
import Logging
import Signing
import Storage

/// What the long-running commands do once their options and configuration are settled.
enum Runtime {
  /// `talentwatch serve`: migrates, starts the receiver and the background services, and runs until
  /// SIGTERM or SIGINT; then drains in-flight requests and flushes the group commit before exiting 0.
  ///
  /// SIGHUP calls `reloadConfiguration` and swaps the webhook sources (secret rotation); a configuration
  /// that fails to load is logged and the running one kept.
  static func serve(
    configuration: Configuration, logger: Logger, output: CLIOutput,
    reloadConfiguration: @escaping @Sendable () throws -> Configuration = {
      throw ReloadUnavailable()
    }
  ) async throws -> Int32 {
    let shutdown = ShutdownSignal.install()
    let service = try await TalentwatchService.start(
      configuration: configuration, clock: SystemClock(), logger: logger)
    let reload = ReloadSignal.install {
      do {
        try service.reload(reloadConfiguration())
        service.metrics.configurationReloads.increment(["succeeded"])
      } catch {
        service.metrics.configurationReloads.increment(["failed"])
        logger.error(
          "configuration reload failed; keeping the running configuration",
          ["error": .string(String(describing: error))])
      }
    }
    let scheme = configuration.tls == nil ? "http" : "https"
    output.print("listening on \(scheme)://\(configuration.listen.host):\(service.port)")
    let reason = await shutdown.wait()
    reload.cancel()
    logger.notice("shutting down", ["signal": .string(reason)])
    await service.stop(timeout: .seconds(configuration.shutdownTimeoutSeconds))
    logger.notice("stopped")
    return CLIExitCode.success
  }

  /// The serve call site gave no way to reload the configuration.
  struct ReloadUnavailable: Error, CustomStringConvertible {
    /// What went wrong.
    var description: String { "this process cannot reload its configuration" }
  }

  /// `talentwatch migrate`: applies pending migrations and says which.
  static func migrate(configuration: Configuration, logger: Logger, output: CLIOutput) async throws
    -> Int32
  {
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    let applied = try await database.write { try migrator.migrate($0).map(\.id) }
    logger.notice(
      "migrations applied",
      [
        "migrations.applied": .integer(applied.count),
        "migrations.total": .integer(Schema.migrations.count),
      ])
    output.print(
      applied.isEmpty
        ? "database is up to date (\(Schema.migrations.count) migrations)"
        : "applied \(applied.count) migration(s): \(applied.map(String.init).joined(separator: ", "))"
    )
    return CLIExitCode.success
  }
}
