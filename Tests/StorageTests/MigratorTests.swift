import Foundation
import Storage
import Testing

/// Two migrations that build a small schema.
private let baseline = [
  Migration(
    id: 1, name: "create people", sql: "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)"),
  Migration(
    id: 2, name: "index and seed",
    sql: """
      CREATE INDEX people_name ON people (name);
      INSERT INTO people (name) VALUES ('seed');
      """),
]

@Test(
  "migrations are applied once, recorded with their name and time, and a second run applies none")
func migrationsAppliedOnce() throws {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/migrate.db")
    let migrator = try Migrator(baseline)
    #expect(try migrator.pending(connection) == baseline)
    #expect(try !migrator.isUpToDate(connection))
    let now = Date(timeIntervalSince1970: 1_700_000_000.25)
    #expect(try migrator.migrate(connection, now: now) == baseline)
    #expect(try migrator.migrate(connection, now: now) == [])
    #expect(try migrator.isUpToDate(connection))
    #expect(try migrator.appliedIDs(connection) == [1, 2])
    let recorded = try connection.query(
      "SELECT id, name, applied_at FROM schema_migrations ORDER BY id")
    #expect(recorded.map { $0.text("name") } == ["create people", "index and seed"])
    #expect(recorded.map { $0.int("applied_at") } == [1_700_000_000_250, 1_700_000_000_250])
    #expect(try connection.query("SELECT name FROM people").count == 1)
    #expect(try connection.columnNames(table: "schema_migrations") == ["id", "name", "applied_at"])

    let extended = try Migrator(
      baseline + [
        Migration(id: 5, name: "add email", sql: "ALTER TABLE people ADD COLUMN email TEXT")
      ])
    #expect(try extended.pending(connection).map(\.id) == [5])
    #expect(try extended.migrate(connection).map(\.id) == [5])
    #expect(try connection.columnNames(table: "people") == ["id", "name", "email"])
  }
}

@Test("a failing migration leaves nothing of itself and stops the later ones")
func failingMigration() throws {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/failing.db")
    let migrator = try Migrator([
      baseline[0],
      Migration(
        id: 2, name: "half broken",
        sql:
          "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x'); INSERT INTO nowhere VALUES (1);"
      ),
      Migration(id: 3, name: "later", sql: "CREATE TABLE later (x)"),
    ])
    let error = #expect(throws: MigrationError.self) { try migrator.migrate(connection) }
    guard case .failed(let id, let name, let storageError) = error else {
      Issue.record("expected a failed migration, got \(String(describing: error))")
      return
    }
    #expect(id == 2)
    #expect(name == "half broken")
    #expect(storageError.message.contains("no such table: nowhere"))
    #expect(try connection.tableNames() == ["people", "schema_migrations"])
    #expect(try migrator.appliedIDs(connection) == [1])
    #expect(try migrator.pending(connection).map(\.id) == [2, 3])
    #expect(!connection.isInTransaction)
  }
}

@Test("migration ids that are not strictly increasing are refused")
func outOfOrderRefused() {
  let m1 = Migration(id: 1, name: "one", sql: "SELECT 1")
  let m2 = Migration(id: 2, name: "two", sql: "SELECT 2")
  #expect(throws: MigrationError.idsNotIncreasing(previous: 2, next: 1)) { try Migrator([m2, m1]) }
  #expect(throws: MigrationError.idsNotIncreasing(previous: 1, next: 1)) { try Migrator([m1, m1]) }
  #expect(throws: Never.self) { try Migrator([]) }
}

@Test("pending works on a read-only connection before the first migration")
func pendingReadOnly() throws {
  try withTemporaryDirectory { directory in
    let path = directory + "/ro.db"
    let writer = try Connection(path: path)
    let reader = try Connection(path: path, readOnly: true)
    let migrator = try Migrator(baseline)
    #expect(try migrator.pending(reader).count == 2)
    try migrator.migrate(writer)
    #expect(try migrator.isUpToDate(reader))
  }
}
