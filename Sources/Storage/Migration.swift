/// One schema change: an id that orders it, a name for people, and the SQL script that applies it.
public struct Migration: Sendable, Hashable {
  /// The position of this migration; ids are strictly increasing in a `Migrator`.
  public let id: Int
  /// A short human name, recorded with the id.
  public let name: String
  /// The script, one or more statements; it runs inside a transaction, so no `VACUUM` or journal pragmas.
  public let sql: String
  /// A data conversion SQL cannot express (packing rows into blobs), run after `sql` in the same
  /// transaction; nil for most migrations.
  public let transform: (@Sendable (Connection) throws(StorageError) -> Void)?

  /// A migration.
  public init(
    id: Int, name: String, sql: String,
    transform: (@Sendable (Connection) throws(StorageError) -> Void)? = nil
  ) {
    self.id = id
    self.name = name
    self.sql = sql
    self.transform = transform
  }

  /// Migrations are equal when their id, name and SQL are (a transform is code, identified by them).
  public static func == (lhs: Migration, rhs: Migration) -> Bool {
    lhs.id == rhs.id && lhs.name == rhs.name && lhs.sql == rhs.sql
  }

  /// Hashes the id, name and SQL.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(name)
    hasher.combine(sql)
  }
}
