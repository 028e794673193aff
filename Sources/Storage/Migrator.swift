public import Foundation

/// Brings a database schema up to date by applying registered migrations in id order, each exactly once.
///
/// Applied migrations are recorded in
/// `schema_migrations(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)` with
/// `applied_at` in Unix milliseconds. Ids recorded in the database that this migrator does not know (a newer
/// binary ran) are left alone; `appliedIDs` lets the caller decide what to do about them.
public struct Migrator: Sendable {
  /// The migrations, in strictly increasing id order.
  public let migrations: [Migration]

  /// The table that records applied migrations.
  static let createTable = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )
    """

  /// A migrator for `migrations`; refuses ids that are not strictly increasing.
  public init(_ migrations: [Migration]) throws(MigrationError) {
    for (previous, next) in zip(migrations, migrations.dropFirst()) where next.id <= previous.id {
      throw .idsNotIncreasing(previous: previous.id, next: next.id)
    }
    self.migrations = migrations
  }

  /// The ids recorded as applied in `connection`'s database, ascending (empty before the first migration).
  public func appliedIDs(_ connection: Connection) throws -> [Int] {
    let exists = try connection.queryOne(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    guard exists != nil else { return [] }
    return try connection.query("SELECT id FROM schema_migrations ORDER BY id").compactMap {
      $0.int(0).map(Int.init)
    }
  }

  /// The migrations not yet applied to `connection`'s database, in id order. Works on read-only
  /// connections.
  public func pending(_ connection: Connection) throws -> [Migration] {
    let applied = Set(try appliedIDs(connection))
    return migrations.filter { !applied.contains($0.id) }
  }

  /// Applies each pending migration in its own transaction together with the row that records it, and
  /// returns those applied. Stops at the first failure, which leaves nothing of itself and throws
  /// `MigrationError.failed`; earlier migrations stay applied. Safe to run twice, even from two processes.
  @discardableResult
  public func migrate(_ connection: Connection, now: Date = Date()) throws -> [Migration] {
    try connection.execute(Self.createTable)
    var applied: [Migration] = []
    for migration in try pending(connection) {
      let didApply: Bool
      do {
        didApply = try connection.transaction { () throws(StorageError) -> Bool in
          // Another process may have applied it since `pending` looked.
          let done = try connection.queryOne(
            "SELECT 1 FROM schema_migrations WHERE id = ?", [SQLValue(migration.id)])
          guard done == nil else { return false }
          try connection.execute(migration.sql)
          try migration.transform?(connection)
          try connection.run(
            "INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)",
            [SQLValue(migration.id), .text(migration.name), .date(now)])
          return true
        }
      } catch let error as StorageError {
        throw MigrationError.failed(id: migration.id, name: migration.name, error: error)
      }
      if didApply { applied.append(migration) }
    }
    return applied
  }

  /// `true` when no migration is pending.
  public func isUpToDate(_ connection: Connection) throws -> Bool {
    try pending(connection).isEmpty
  }
}
