import Domain
import Enrichment
import Foundation
import HTTPClient
import HTTPServer
import Ingest
import Logging
import Metrics
import Signing
import Storage
import Synchronization

/// The running product: the database, the receiver, and the background services, assembled from the
/// configuration and stopped in reverse order.
final class TalentwatchService: Sendable {
  /// The bound port (the real one when the configuration asked for port 0).
  let port: Int
  let database: Database
  private let server: Server
  private let writer: InboxWriter
  private let services: Task<Void, Never>
  private let readiness: Readiness
  private let logger: Logger
  /// The webhook sources, replaced in place on reload.
  private let sourceTable: SourceTable
  /// Every metric the service records.
  let metrics: ServiceMetrics
  /// Every (method, pattern) the router serves; the OpenAPI contract test compares it with the document.
  let routes: [(method: String, pattern: String)]

  private let notifications: NotificationWiring

  private init(
    port: Int, database: Database, server: Server, writer: InboxWriter,
    services: Task<Void, Never>, readiness: Readiness, logger: Logger, sourceTable: SourceTable,
    metrics: ServiceMetrics, routes: [(method: String, pattern: String)],
    notifications: NotificationWiring
  ) {
    self.routes = routes
    self.sourceTable = sourceTable
    self.metrics = metrics
    self.port = port
    self.database = database
    self.server = server
    self.writer = writer
    self.services = services
    self.readiness = readiness
    self.logger = logger
    self.notifications = notifications
  }

  /// Opens and migrates the database, builds the routes and starts serving.
  static func start(configuration: Configuration, clock: any Clock, logger: Logger) async throws
    -> TalentwatchService
  {
    try Configuration.validateRetention(configuration.retention)
    let sources = try ingestSources(configuration)
    let database = try Database(path: configuration.database)
    let migrator = try Migrator(Schema.migrations)
    let applied = try await database.write { try migrator.migrate($0).count }
    if applied > 0 {
      logger.notice("database migrated", ["migrations.applied": .integer(applied)])
    }
    let readiness = Readiness(database: database)

    let metrics = ServiceMetrics()
    let writerHandle = WriterHandle()
    let processing = InboxProcessingService(
      processor: InboxProcessor(
        database: database, clock: clock,
        ignoredBodyRetention: TimeInterval(configuration.ingest.ignoredBodyRetentionHours) * 3600,
        batchSize: configuration.ingest.processBatchSize,
        isSuppressed: ComplianceContext.ingestSuppression(
          Pseudonymizer(pepper: configuration.pepper.revealed)),
        observeLag: { metrics.signalProcessingLag.observe($0) }),
      logger: logger.labeled("inbox"),
      ingestIsBusy: { writerHandle.writer.withLock { $0?.isBusy ?? false } })
    let writer = InboxWriter(database: database) { _ in processing.notify() }
    writerHandle.writer.withLock { $0 = writer }

    let counters = IngestCounters()
    let sourceTable = SourceTable(sources)
    var router = Router()
    WebhookEndpoint(
      sourceTable: sourceTable, writer: writer, clock: clock, logger: logger.labeled("ingest"),
      counters: counters
    ).register(in: &router)
    HealthRoutes(readiness: readiness).register(in: &router)
    let notifications = try await NotificationWiring(
      configuration: configuration, database: database, clock: clock,
      logger: logger.labeled("notify"))
    notifications.routes.register(in: &router)
    notifications.channelRoutes.register(in: &router)
    let admin = adminAPI(
      configuration: configuration, database: database, clock: clock, logger: logger)
    admin.register(in: &router)
    let compliance = ComplianceContext(
      database: database, configuration: configuration, clock: clock)
    admin.registerCompliance(ComplianceAPI(context: compliance), in: &router)
    MetricsRoutes(metrics: metrics, database: database, clock: clock, counters: counters)
      .register(in: &router)
    let tls = try configuration.tls.map(loadTLS)

    let server = Server(
      configuration: ServerConfiguration(
        host: configuration.listen.host, port: Int(configuration.listen.port),
        maxBodyBytes: configuration.maxBodyBytes,
        connectionTimeoutSeconds: configuration.server.connectionTimeoutSeconds,
        connectionLimit: configuration.server.connectionLimit,
        threadCount: configuration.server.threads, tls: tls,
        requestObserver: {
          metrics.observe(
            method: $0.method, route: $0.route, status: $0.status, seconds: $0.seconds)
        }),
      router: router)
    writer.start()
    let port: Int
    do {
      port = try server.start()
    } catch {
      writer.stop()
      notifications.shutdown()
      database.close()
      throw error
    }
    let maintenance = MaintenanceService(
      database: database, clock: clock, logger: logger.labeled("maintenance"))
    let retention = RetentionService(context: compliance, logger: logger.labeled("retention"))
    // Producers of notifications end the dispatcher's idle wait once they enqueued.
    let dispatcher = notifications.dispatcher
    let wake: @Sendable () -> Void = { dispatcher.wake() }
    let refresh = try configuration.provider.map { _ in
      RefreshService(
        cycle: RefreshCycle(
          builder: PlanBuilder(configuration: configuration),
          executor: try RefreshEnricherFactory.executor(
            configuration: configuration, database: database, clock: clock,
            logger: logger.labeled("refresh"), onNotification: wake)),
        logger: logger.labeled("refresh"),
        interval: .seconds(configuration.planner.scheduleMinutes * 60),
        databasePath: configuration.database)
    }
    // Match events go to the notifier's outbox in the score write's transaction.
    let rematch = rematchService(
      configuration: configuration, database: database, clock: clock, logger: logger,
      onNotification: wake)
    let services = Task {
      await withTaskGroup(of: Void.self) { group in
        group.addTask { await processing.run() }
        group.addTask { await maintenance.run() }
        group.addTask { await retention.run() }
        if let refresh { group.addTask { await refresh.run() } }
        group.addTask { await notifications.dispatcher.run() }
        if let rematch { group.addTask { await rematch.run() } }
      }
    }
    readiness.markStarted()
    logger.notice(
      "serving",
      [
        "listen.host": .string(configuration.listen.host), "listen.port": .integer(port),
        "sources": .integer(sources.count),
      ])
    return TalentwatchService(
      port: port, database: database, server: server, writer: writer, services: services,
      readiness: readiness, logger: logger, sourceTable: sourceTable, metrics: metrics,
      routes: router.routes, notifications: notifications)
  }

  /// Applies a reloaded configuration: swaps the webhook sources and their secrets in place, without
  /// touching connections. Other changed keys take effect at the next restart (logged).
  func reload(_ configuration: Configuration) throws {
    let sources = try Self.ingestSources(configuration)
    sourceTable.replace(with: sources)
    logger.notice("configuration reloaded", ["sources": .integer(sources.count)])
  }

  /// Reads the PEM certificate and key named in `tls`, naming the key path when a file is unreadable.
  private static func loadTLS(_ tls: Configuration.TLS) throws -> TLSConfiguration {
    func read(_ path: String, _ key: String) throws -> String {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty else {
        throw ConfigurationError(.invalidValue, path: "tls.\(key)", message: "cannot read the file")
      }
      return text
    }
    return TLSConfiguration(
      certificatePEM: try read(tls.certificate, "certificate"), keyPEM: try read(tls.key, "key"))
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
    notifications.shutdown()
    database.close()
  }

  /// The admin API with the enrichment client (when a provider is configured) writing the credit ledger.
  private static func adminAPI(
    configuration: Configuration, database: Database, clock: any Clock, logger: Logger
  ) -> AdminAPI {
    let provider = configuration.provider
    let prices = provider?.creditPrices ?? .published
    let enricher: (any PersonEnricher)? = provider.map {
      RefreshEnricherFactory.client(provider: $0, database: database, clock: clock, logger: logger)
    }
    let creditsPerDay = provider?.creditsPerDay ?? 0
    let apiLogger = logger.labeled("admin")
    let audit = AuditTrail(configuration: configuration)
    var candidates = CandidateAddService(
      database: database, enricher: enricher, clock: clock,
      cacheDays: provider?.enrichCacheDays ?? 30, creditsPerDay: creditsPerDay, prices: prices,
      suppression: ComplianceSuppressionCheck(
        pseudonymizer: Pseudonymizer(pepper: configuration.pepper.revealed)
      ).adminCheck(clock: clock), logger: apiLogger)
    candidates.audit = audit
    var api = AdminAPI(
      database: database, clock: clock, authentication: Authentication(users: configuration.users),
      candidates: candidates,
      contacts: CandidateContactService(
        database: database, enricher: enricher, clock: clock, creditsPerDay: creditsPerDay,
        prices: prices, logger: apiLogger),
      logger: apiLogger)
    api.audit = audit
    return api
  }

  /// The re-matcher service, or nil (logged as an error) when the synonym tables cannot be read.
  private static func rematchService(
    configuration: Configuration, database: Database, clock: any Clock, logger: Logger,
    onNotification: @escaping @Sendable () -> Void
  ) -> RematchService? {
    do {
      let rematcher = try Rematcher.configured(
        configuration, clock: clock, onNotification: onNotification)
      return RematchService(
        database: database, rematcher: rematcher, logger: logger.labeled("rematch"))
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

  /// Lets the inbox processor ask the group-commit writer (created after it) whether a burst is arriving.
  private final class WriterHandle: Sendable {
    let writer = Mutex<InboxWriter?>(nil)
  }
}
