/// One schema change: an id that orders it, a name for people, and the SQL script that applies it.
public struct Migration: Sendable, Hashable {
  /// The position of this migration; ids are strictly increasing in a `Migrator`.
  public let id: Int
  /// A short human name, recorded with the id.
  public let name: String
  /// The script, one or more statements; it runs inside a transaction, so no `VACUUM` or journal pragmas.
  public let sql: String

  /// A migration.
  public init(id: Int, name: String, sql: String) {
    self.id = id
    self.name = name
    self.sql = sql
  }
}
