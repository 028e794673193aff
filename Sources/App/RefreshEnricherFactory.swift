import Domain
import Enrichment
import HTTPClient
import Logging
import Storage

/// Builds the refresh executor over the configured provider's client, which bills into the credit ledger.
enum RefreshEnricherFactory {
  /// No provider is configured.
  struct Unavailable: Error, CustomStringConvertible {
    /// What is missing.
    let description: String
  }

  /// The executor over the configured provider's client; batches of `provider.batch_size`.
  static func executor(
    configuration: Configuration, database: Database, clock: any Clock, logger: Logger,
    onNotification: @escaping @Sendable () -> Void = {}
  ) throws -> RefreshExecutor {
    guard let provider = configuration.provider else {
      throw Unavailable(description: "no provider is configured: refreshes need `provider`")
    }
    var executor = RefreshExecutor(
      database: database,
      enricher: client(provider: provider, database: database, clock: clock, logger: logger),
      clock: clock, logger: logger, batchSize: provider.batchSize)
    executor.audit = AuditTrail(configuration: configuration)
    executor.notifications = ChangeNotifications(
      policy: NotificationPolicy(
        digestWindow: Double(configuration.notifications.digestWindowSeconds)),
      onEnqueued: onNotification)
    return executor
  }

  /// The Crustdata client for `provider`, recording every charge in the credit ledger; the refresh and the
  /// admin API's human-confirmed add both use it.
  static func client(
    provider: Configuration.Provider, database: Database, clock: any Clock, logger: Logger
  ) -> any PersonEnricher {
    CrustdataClient(
      configuration: CrustdataClientConfiguration(
        baseURL: provider.baseURL, apiKey: provider.apiKey.revealed, batchSize: provider.batchSize,
        requestsPerMinute: provider.requestsPerMinute, timeout: .seconds(provider.timeoutSeconds),
        retry: RetryPolicy(
          maxAttempts: provider.maxAttempts, baseDelay: .milliseconds(250), maxDelay: .seconds(30)),
        prices: provider.creditPrices),
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
}
