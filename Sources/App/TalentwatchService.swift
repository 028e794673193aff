import Domain
import Foundation
import HTTPServer
import Ingest
import Logging
import Signing
import Storage
import Synchronization

/// The running product: the database, the receiver, and the background services, assembled from the
/// configuration and stopped in reverse order.
final class TalentwatchService: Sendable {
  /// The bound port (the real one when the configuration asked for port 0).
  let port: Int
  private let database: Database
  private let server: Server
  private let writer: InboxWriter
  private let services: Task<Void, Never>
  private let readiness: Readiness
  private let logger: Logger

  private init(
    port: Int, database: Database, server: Server, writer: InboxWriter,
    services: Task<Void, Never>, readiness: Readiness, logger: Logger
  ) {
    self.port = port
    self.database = database
    self.server = server
    self.writer = writer
    self.services = services
    self.readiness = readiness
    self.logger = logger
  }

  /// Opens and migrates the database, builds the routes and starts serving.
  static func start(configuration: Configuration, clock: any Clock, logger: Logger) async throws
    -> TalentwatchService
  {
    let sources = try ingestSources(configuration)
    let database = try Database(path: configuration.database)
    let migrator = try Migrator(Schema.migrations)
    let applied = try await database.write { try migrator.migrate($0).count }
    if applied > 0 {
      logger.notice("database migrated", ["migrations.applied": .integer(applied)])
    }
    let readiness = Readiness(database: database)

    let processing = InboxProcessingService(
      processor: InboxProcessor(
        database: database, clock: clock,
        ignoredBodyRetention: TimeInterval(configuration.ingest.ignoredBodyRetentionHours) * 3600,
        batchSize: configuration.ingest.processBatchSize),
      logger: logger.labeled("inbox"))
    let writer = InboxWriter(database: database) { _ in processing.notify() }

    var router = Router()
    WebhookEndpoint(
      sources: sources, writer: writer, clock: clock, logger: logger.labeled("ingest"),
      counters: IngestCounters()
    ).register(in: &router)
    HealthRoutes(readiness: readiness).register(in: &router)

    let server = Server(
      configuration: ServerConfiguration(
        host: configuration.listen.host, port: Int(configuration.listen.port),
        maxBodyBytes: configuration.maxBodyBytes,
        connectionTimeoutSeconds: configuration.server.connectionTimeoutSeconds,
        connectionLimit: configuration.server.connectionLimit,
        threadCount: configuration.server.threads),
      router: router)
    writer.start()
    let port: Int
    do {
      port = try server.start()
    } catch {
      writer.stop()
      database.close()
      throw error
    }
    let maintenance = MaintenanceService(database: database, clock: clock, logger: logger.labeled("maintenance"))
    // Match events: the notifier's outbox sink is connected here when the notify branch is merged.
    let rematch = rematchService(
      configuration: configuration, database: database, clock: clock, logger: logger)
    let services = Task {
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await processing.run() }
        group.addTask { await maintenance.run() }
        if let rematch { group.addTask { await rematch.run() } }
      }
    }
    readiness.markStarted()
    logger.notice(
      "serving",
      ["listen.host": .string(configuration.listen.host), "listen.port": .integer(port),
       "sources": .integer(sources.count)])
    return TalentwatchService(
      port: port, database: database, server: server, writer: writer, services: services,
      readiness: readiness, logger: logger)
  }

  /// Stops accepting, answers in-flight requests, flushes the group commit, stops the services at a safe
  /// point and closes the database.
  func stop(timeout: Duration) async {
    readiness.markDraining()
    let server = server
    let writer = writer
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      // Both calls block; keep them off the cooperative pool.
      Thread.detachNewThread {
        server.stop(timeout: timeout)
        writer.stop()
        done.resume()
      }
    }
    services.cancel()
    await services.value
    database.close()
  }

  /// The re-matcher service, or nil (logged as an error) when the synonym tables cannot be read.
  private static func rematchService(
    configuration: Configuration, database: Database, clock: any Clock, logger: Logger
  ) -> RematchService? {
    do {
      let synonyms = try MatchingSynonyms(directory: configuration.matching.synonymsDirectory)
      return RematchService(
        database: database,
        rematcher: Rematcher(
          synonyms: synonyms, thresholds: configuration.matching.thresholds, clock: clock,
          sink: nil),
        logger: logger.labeled("rematch"))
    } catch {
      logger.error(
        "re-matcher off: synonym tables unreadable",
        [
          "matching.synonyms_dir": .string(configuration.matching.synonymsDirectory),
          "error": .string(String(describing: error)),
        ])
      return nil
    }
  }

  /// Builds the ingest sources, refusing secrets that do not decode (with the key path).
  private static func ingestSources(_ configuration: Configuration) throws -> [IngestSource] {
    try configuration.sources.enumerated().map { index, source in
      guard let scheme = SignatureScheme(rawValue: source.scheme.rawValue) else {
        throw ConfigurationError(
          .invalidValue, path: "sources[\(index)].scheme", message: "unknown scheme")
      }
      let secrets = try source.secrets.enumerated().map { secretIndex, secret in
        do {
          return try WebhookSecret(scheme: scheme, text: secret.revealed)
        } catch {
          throw ConfigurationError(
            .invalidValue, path: "sources[\(index)].secrets[\(secretIndex)]",
            message: String(describing: error))
        }
      }
      return IngestSource(
        name: source.name, scheme: scheme, format: source.format.rawValue,
        verifier: WebhookVerifier(
          scheme: scheme, secrets: secrets, toleranceSeconds: source.toleranceSeconds))
    }
  }
}
