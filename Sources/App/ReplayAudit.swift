import Foundation
import Storage

/// Where every replay is recorded in the audit trail (AI Act Art. 12): who replayed what, when, and with
/// which outcome, appended to the configured database's hash-chained audit log.
enum ReplayAudit {
  /// What kind of replay ran.
  enum Kind: String, Sendable {
    /// Fixture files re-signed and sent over HTTP.
    case fixtures
    /// Stored deliveries re-processed in place.
    case inbox
  }

  /// Records one finished replay in `databasePath`'s audit log. The actor is the operating-system user
  /// running the command (`operator:<user>`); counts only, never payloads or personal data.
  static func record(
    kind: Kind, source: String?, counts: [String: Int], databasePath: String,
    environment: [String: String]
  ) async throws {
    let database = try Database(path: databasePath, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    var details = counts.mapValues(String.init)
    details["kind"] = kind.rawValue
    if let source { details["source"] = source }
    let actor = "operator:" + (environment["USER"] ?? environment["LOGNAME"] ?? "unknown")
    let event = AuditEvent(
      at: Date(), actor: actor, action: .replay, subjectKey: nil, details: details)
    try await database.write { connection in
      _ = try migrator.migrate(connection)
      _ = try connection.transaction { try AuditLogStore.append(event, in: connection) }
    }
  }
}
