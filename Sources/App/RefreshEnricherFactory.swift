import Domain
import Enrichment
import Logging
import Storage

/// Builds the refresh executor for the configured provider.
enum RefreshEnricherFactory {
  /// No provider is configured, or this build has no client for it.
  struct Unavailable: Error, CustomStringConvertible {
    /// What is missing.
    let description: String
  }

  /// The executor over the configured provider's client.
  static func executor(
    configuration: Configuration, database: Database, clock: any Clock, logger: Logger
  ) throws -> RefreshExecutor {
    guard configuration.provider != nil else {
      throw Unavailable(description: "no provider is configured: refreshes need `provider`")
    }
    throw Unavailable(description: "this build has no enrichment client yet")
  }
}
