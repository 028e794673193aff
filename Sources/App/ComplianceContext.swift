import Domain
import Foundation
import Storage

/// What the compliance services share: the database, the keyed hashing, the retention policy and the clock.
struct ComplianceContext: Sendable {
  /// The database.
  let database: Database
  /// Keyed hashes with the configured pepper.
  let pseudonymizer: Pseudonymizer
  /// The retention rules from the configuration.
  let policy: RetentionPolicy
  /// Where decisions read the time.
  let clock: any Clock

  /// A context for `configuration` over an open `database`.
  init(database: Database, configuration: Configuration, clock: any Clock) {
    self.database = database
    self.pseudonymizer = Pseudonymizer(pepper: configuration.pepper.revealed)
    self.policy = configuration.retention
    self.clock = clock
  }

  /// Opens and migrates the configured database for a one-shot command; the caller closes it.
  static func openDatabase(_ configuration: Configuration) async throws -> Database {
    let database = try Database(path: configuration.database, readerCount: 1)
    do {
      let migrator = try Migrator(Schema.migrations)
      _ = try await database.write { try migrator.migrate($0) }
    } catch {
      database.close()
      throw error
    }
    return database
  }

  /// The ingest hook: whether a person named by a delivery was erased, checked inside the processing
  /// transaction (pass to `InboxProcessor(isSuppressed:)`).
  static func ingestSuppression(_ pseudonymizer: Pseudonymizer)
    -> @Sendable (PersonReference, Connection) throws -> Bool
  {
    { reference, connection in
      try SuppressionStore.contains(pseudonymizer.identityHashes(reference), in: connection)
    }
  }
}
