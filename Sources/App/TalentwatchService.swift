import Domain
import Enrichment
import Foundation
import HTTPClient
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
    adminAPI(configuration: configuration, database: database, clock: clock, logger: logger)
      .register(in: &router)

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
    let refresh = try configuration.provider.map { _ in
      RefreshService(
        cycle: RefreshCycle(
          builder: PlanBuilder(configuration: configuration),
          executor: try RefreshEnricherFactory.executor(
            configuration: configuration, database: database, clock: clock,
            logger: logger.labeled("refresh"))),
        logger: logger.labeled("refresh"),
        interval: .seconds(configuration.planner.scheduleMinutes * 60))
    }
    let services = Task {
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await processing.run() }
        group.addTask { await maintenance.run() }
        if let refresh { group.addTask { await refresh.run() } }
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

  /// The admin API with the enrichment client (when a provider is configured) writing the credit ledger.
  private static func adminAPI(
    configuration: Configuration, database: Database, clock: any Clock, logger: Logger
  ) -> AdminAPI {
    let provider = configuration.provider
    let prices = provider?.creditPrices ?? .published
    let enricher: (any PersonEnricher)? = provider.map { provider in
      CrustdataClient(
        configuration: CrustdataClientConfiguration(
          baseURL: provider.baseURL, apiKey: provider.apiKey.revealed, batchSize: provider.batchSize,
          requestsPerMinute: provider.requestsPerMinute, timeout: .seconds(provider.timeoutSeconds),
          retry: RetryPolicy(
            maxAttempts: provider.maxAttempts, baseDelay: .milliseconds(250), maxDelay: .seconds(30)),
          prices: CreditPrices(
            enrich: prices.enrich, businessEmail: prices.businessEmail,
            personalEmail: prices.personalEmail, phone: prices.phone)),
        http: HTTPClient(), clock: clock, logger: logger.labeled("enrichment"),
        recorder: { charge in
          try await database.write { connection in
            try CreditLedgerStore.append(
              CreditLedgerEntry(
                at: charge.at, operation: charge.operation, credits: charge.credits,
                candidateIDs: charge.purpose.candidateIDs, purpose: charge.purpose.reason,
                profiles: charge.profiles), in: connection)
          }
        })
    }
    let creditsPerDay = provider?.creditsPerDay ?? 0
    let apiLogger = logger.labeled("admin")
    return AdminAPI(
      database: database, clock: clock, authentication: Authentication(users: configuration.users),
      candidates: CandidateAddService(
        database: database, enricher: enricher, clock: clock,
        cacheDays: provider?.enrichCacheDays ?? 30, creditsPerDay: creditsPerDay, prices: prices,
        suppression: AdminAPI.nothingSuppressed, logger: apiLogger),
      contacts: CandidateContactService(
        database: database, enricher: enricher, clock: clock, creditsPerDay: creditsPerDay,
        prices: prices, logger: apiLogger),
      logger: apiLogger)
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
