import Foundation
import Testing

@testable import Storage

/// Migration 60: `CHECK (x IN (…))` rewritten as comparisons, same meaning, rows untouched.
@Suite("CHECK constraints as comparisons")
struct CheckConstraintRewriteTests {
  /// The `CREATE TABLE` text SQLite holds for `table`.
  private func definition(of table: String, in connection: Connection) throws -> String {
    try #require(
      try connection.queryOne(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(table)])?.text(0))
  }

  private func delivery(_ id: String) -> InboxDelivery {
    InboxDelivery(
      source: "crm", deliveryID: id, scheme: "standard-webhooks", format: "canonical",
      receivedAt: Date(timeIntervalSince1970: 1_796_325_628), signedAt: nil,
      headers: ["webhook-id": id], body: Array(#"{"type":"test"}"#.utf8))
  }

  @Test("a migrated database holds no IN-list constraint and still refuses every other value")
  func freshDatabase() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/fresh.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      for rewrite in CheckConstraintRewrite.listed {
        let sql = try definition(of: rewrite.table, in: connection)
        #expect(sql.contains(rewrite.rewritten), "\(rewrite.table)")
        #expect(!sql.contains(rewrite.original), "\(rewrite.table)")
      }
      let outcomes = try connection.transaction {
        try InboxStore.append([delivery("msg_1")], in: connection)
      }
      guard case .accepted(let id) = try #require(outcomes.first) else {
        Issue.record("the delivery was not accepted")
        return
      }
      for status in InboxStatus.allCases {
        try connection.run(
          "UPDATE inbox SET status = ? WHERE id = ?", [.text(status.rawValue), .integer(id)])
      }
      #expect(throws: StorageError.self) {
        try connection.run("UPDATE inbox SET status = 'lost' WHERE id = ?", [.integer(id)])
      }
      #expect(throws: StorageError.self) {
        try connection.run(
          "INSERT INTO notification_channels (id, user_id, kind, created_at) VALUES ('c', 'u', 'fax', 0)"
        )
      }
      #expect(try connection.queryOne("PRAGMA integrity_check")?.text(0) == "ok")
    }
  }

  @Test("a database made before the migration keeps its rows; the schema version moves once")
  func existingDatabase() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/existing.db"
      let connection = try Connection(path: path)
      _ = try Migrator(Schema.migrations.filter { $0.id < 60 }).migrate(connection)
      _ = try connection.transaction {
        try InboxStore.append([delivery("msg_1"), delivery("msg_2")], in: connection)
      }
      #expect(
        try definition(of: "inbox", in: connection).contains(
          CheckConstraintRewrite.listed[0].original))
      let before = try #require(try connection.queryOne("PRAGMA schema_version")?.int(0))
      // A second connection, open across the change, must see the new definition too.
      let other = try Connection(path: path)
      #expect(try other.queryOne("SELECT count(*) FROM inbox")?.int(0) == 2)

      let applied = try Migrator(Schema.migrations).migrate(connection)
      #expect(applied.map(\.id) == [60])
      #expect(try connection.queryOne("PRAGMA schema_version")?.int(0) == before + 1)
      #expect(
        try definition(of: "inbox", in: other).contains(CheckConstraintRewrite.listed[0].rewritten))
      let bodies = try connection.query("SELECT delivery_id, body FROM inbox ORDER BY id")
      #expect(bodies.map { $0.text(0) } == ["msg_1", "msg_2"])
      #expect(bodies.first?[1] == .blob(Array(#"{"type":"test"}"#.utf8)))
      #expect(throws: StorageError.self) {
        try other.run("UPDATE inbox SET status = 'lost' WHERE id = 1")
      }
      // Applying the rewrite again finds nothing to change.
      #expect(
        try connection.transaction {
          try CheckConstraintRewrite.apply(CheckConstraintRewrite.listed, in: connection)
        } == 0)
      #expect(try connection.queryOne("PRAGMA integrity_check")?.text(0) == "ok")
    }
  }

  @Test(
    "where the library forbids schema edits, migration 60 changes nothing and the constraints hold")
  func defensiveMode() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/defensive.db")
      _ = try Migrator(Schema.migrations.filter { $0.id < 60 }).migrate(connection)
      try connection.setDefensive(true)
      let before = try #require(try connection.queryOne("PRAGMA schema_version")?.int(0))
      let applied = try Migrator(Schema.migrations).migrate(connection)
      #expect(applied.map(\.id) == [60])
      for rewrite in CheckConstraintRewrite.listed {
        #expect(try definition(of: rewrite.table, in: connection).contains(rewrite.original))
      }
      // Only the migration's own bookkeeping moved the schema version: no definition was edited.
      #expect(try connection.queryOne("PRAGMA schema_version")?.int(0) == before)
      _ = try connection.transaction {
        try InboxStore.append([delivery("msg_1")], in: connection)
      }
      #expect(throws: StorageError.self) {
        try connection.run("UPDATE inbox SET status = 'lost' WHERE id = 1")
      }
    }
  }

  @Test("only SQLite's refusal to edit the schema counts as defensive mode")
  func refusalIsRecognised() {
    #expect(
      CheckConstraintRewrite.isSchemaEditRefusal(
        StorageError(code: 1, message: "table sqlite_master may not be modified")))
    #expect(
      !CheckConstraintRewrite.isSchemaEditRefusal(
        StorageError(code: 10, message: "disk I/O error")))
    #expect(
      !CheckConstraintRewrite.isSchemaEditRefusal(
        StorageError(code: 13, message: "database or disk is full")))
  }
}
