import Foundation
import Storage
import Testing

/// Opens a connection on a fresh file with one untyped column, so that SQLite stores values as bound.
private func withValuesTable<T>(_ body: (Connection) throws -> T) throws -> T {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/values.db")
    try connection.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, value)")
    return try body(connection)
  }
}

@Test("every bound type reads back exactly as it was written")
func roundTripOfEveryType() throws {
  let values: [SQLValue] = [
    nil, 0, -1, .integer(.min), .integer(.max), 3.25, -0.5, 1e308, .real(.leastNonzeroMagnitude),
    "", "plain", "héllo wörld 👋🏽 日本語 ﷽", "a\u{0}b\u{0}", .blob([]), .blob([0, 1, 127, 128, 255]),
    .blob([UInt8](repeating: 0xAB, count: 100_000)), .text(String(repeating: "x", count: 100_000)),
  ]
  try withValuesTable { connection in
    for value in values {
      try connection.run("INSERT INTO v (value) VALUES (?)", [value])
      let id = connection.lastInsertRowID
      let row = try connection.queryOne("SELECT value FROM v WHERE id = ?", [.integer(id)])
      #expect(row?[0] == value)
    }
    #expect(try connection.queryOne("SELECT count(*) FROM v")?.int(0) == Int64(values.count))
  }
}

@Test("text keeps embedded NUL bytes; SQL string functions stop at the first NUL")
func embeddedNul() throws {
  try withValuesTable { connection in
    try connection.run("INSERT INTO v (value) VALUES (?)", ["ab\u{0}cd"])
    let row = try connection.queryOne("SELECT value, length(value), typeof(value) FROM v")
    #expect(row?.text(0) == "ab\u{0}cd")
    #expect(row?.text(0)?.utf8.count == 5)
    #expect(row?.int(1) == 2)
    #expect(row?.text(2) == "text")
  }
}

@Test("empty text and empty blobs stay TEXT and BLOB, never NULL")
func emptyValuesAreNotNull() throws {
  try withValuesTable { connection in
    try connection.run("INSERT INTO v (value) VALUES (?), (?)", ["", .blob([])])
    let types = try connection.query("SELECT typeof(value) FROM v ORDER BY id").map { $0.text(0) }
    #expect(types == ["text", "blob"])
  }
}

@Test("NaN is stored as NULL by SQLite")
func nanBecomesNull() throws {
  try withValuesTable { connection in
    try connection.run("INSERT INTO v (value) VALUES (?)", [.real(.nan)])
    #expect(try connection.queryOne("SELECT value FROM v")?[0] == .null)
  }
}

@Test("dates are stored as INTEGER Unix milliseconds and read back to the millisecond")
func dateRoundTrip() throws {
  let date = Date(timeIntervalSince1970: 1_700_000_000.123_456)
  #expect(SQLValue.date(date) == .integer(1_700_000_000_123))
  #expect(SQLValue.date(Date(timeIntervalSince1970: -1.5)) == .integer(-1_500))
  #expect(SQLValue.date(nil as Date?) == .null)
  try withValuesTable { connection in
    try connection.run("INSERT INTO v (value) VALUES (?)", [.date(date)])
    let row = try connection.queryOne("SELECT value, typeof(value) AS type FROM v")
    #expect(row?.text("type") == "integer")
    let read = try #require(row?.date(0))
    #expect(abs(read.timeIntervalSince1970 - 1_700_000_000.123) < 0.000_001)
    #expect(SQLValue.date(read) == .integer(1_700_000_000_123))
  }
}

@Test("booleans are stored as 1 and 0 and read back as booleans")
func boolRoundTrip() throws {
  try withValuesTable { connection in
    try connection.run(
      "INSERT INTO v (value) VALUES (?), (?), (?)", [true, SQLValue(false), SQLValue(nil as Bool?)])
    let rows = try connection.query("SELECT value FROM v ORDER BY id")
    #expect(rows.map { $0[0] } == [1, 0, nil])
    #expect(rows.map { $0.bool(0) } == [true, false, nil])
  }
}

@Test("literals and initialisers build the expected values")
func valueConstruction() {
  let name: String? = nil
  let values: [SQLValue] = [
    nil, 42, 2.5, "x", true, SQLValue(7), SQLValue(name), SQLValue(Data([1, 2])),
  ]
  #expect(
    values == [
      .null, .integer(42), .real(2.5), .text("x"), .integer(1), .integer(7), .null, .blob([1, 2]),
    ])
}

@Test("rows are read by index and by column name, with typed accessors")
func readingByName() throws {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/rows.db")
    try connection.execute(
      """
      CREATE TABLE person (
        id INTEGER PRIMARY KEY, status TEXT NOT NULL, score REAL, photo BLOB, active INTEGER, received_at INTEGER
      )
      """)
    let received = Date(timeIntervalSince1970: 1_650_000_000.5)
    try connection.run(
      "INSERT INTO person (status, score, photo, active, received_at) VALUES (?, ?, ?, ?, ?)",
      ["open", 0.75, .blob([9, 8]), true, .date(received)])
    let row = try #require(try connection.queryOne("SELECT * FROM person"))
    #expect(row.count == 6)
    #expect(row.columnNames == ["id", "status", "score", "photo", "active", "received_at"])
    #expect(row.int("id") == 1)
    #expect(row.text("status") == "open")
    #expect(row.text("STATUS") == "open")
    #expect(row.double("score") == 0.75)
    #expect(row.blob("photo") == [9, 8])
    #expect(row.bool("active") == true)
    #expect(row.date("received_at") == received)
    #expect(row["status"] == row[1])
    #expect(row.double("id") == 1)
    #expect(row.text("id") == nil)
    #expect(row["missing"] == .null)
    #expect(row.int("missing") == nil)
    #expect(row[99] == .null)
    #expect(!row.contains(column: "missing"))
  }
}

@Test("run reports changes and the last rowid; query returns every row; queryOne only the first")
func runQueryAndCounts() throws {
  try withValuesTable { connection in
    for n in 1...5 { try connection.run("INSERT INTO v (value) VALUES (?)", [SQLValue(n)]) }
    #expect(connection.lastInsertRowID == 5)
    try connection.run("UPDATE v SET value = value * 10 WHERE value > ?", [2])
    #expect(connection.changes == 3)
    let rows = try connection.query("SELECT value FROM v ORDER BY id")
    #expect(rows.compactMap { $0.int(0) } == [1, 2, 30, 40, 50])
    #expect(try connection.queryOne("SELECT value FROM v ORDER BY id DESC")?.int(0) == 50)
    #expect(try connection.queryOne("SELECT value FROM v WHERE id = ?", [99]) == nil)
  }
}

@Test("forEach streams rows, allows re-entrant use of the same SQL, and stops on a thrown error")
func forEachStreams() throws {
  try withValuesTable { connection in
    for n in 1...4 { try connection.run("INSERT INTO v (value) VALUES (?)", [SQLValue(n)]) }
    let sql = "SELECT value FROM v WHERE value >= ? ORDER BY value"
    var pairs: [[Int64]] = []
    try connection.forEach(sql, [3]) { outer in
      let inner = try connection.query(sql, [4]).compactMap { $0.int(0) }
      pairs.append([outer.int(0) ?? -1] + inner)
    }
    #expect(pairs == [[3, 4], [4, 4]])
    var seen = 0
    #expect(throws: Boom(tag: "stop")) {
      try connection.forEach(sql, [1]) { _ in
        seen += 1
        if seen == 2 { throw Boom(tag: "stop") }
      }
    }
    #expect(seen == 2)
    // The cached statement was reset: it runs again from the start.
    #expect(try connection.query(sql, [1]).count == 4)
  }
}

@Test("a wrong number of arguments and a second statement are refused with typed errors")
func misuseIsRefused() throws {
  try withValuesTable { connection in
    let tooMany = #expect(throws: StorageError.self) {
      try connection.run("INSERT INTO v (value) VALUES (?)", [1, 2])
    }
    #expect(tooMany?.message == "expected 1 arguments, got 2")
    let twoStatements = #expect(throws: StorageError.self) {
      try connection.run("INSERT INTO v (value) VALUES (1); DELETE FROM v")
    }
    #expect(twoStatements?.code == 21)
    #expect(try connection.query("SELECT * FROM v").isEmpty)
    // Trailing whitespace and comments are not a second statement.
    try connection.run("INSERT INTO v (value) VALUES (1);  -- done\n")
    #expect(try connection.query("SELECT * FROM v").count == 1)
  }
}

@Test("execute runs scripts; tableNames and columnNames describe the schema")
func schemaIntrospection() throws {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/schema.db")
    try connection.execute(
      """
      CREATE TABLE b (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE a (x INTEGER, y TEXT, z BLOB);
      CREATE INDEX a_x ON a (x);
      """)
    #expect(try connection.tableNames() == ["a", "b"])
    #expect(try connection.columnNames(table: "a") == ["x", "y", "z"])
    #expect(try connection.columnNames(table: "missing") == [])
  }
}

@Test("a read-write connection uses WAL, full sync and foreign keys; a read-only one cannot write")
func connectionPragmas() throws {
  try withTemporaryDirectory { directory in
    let path = directory + "/pragmas.db"
    let writer = try Connection(path: path, busyTimeoutMilliseconds: 1234)
    #expect(try writer.queryOne("PRAGMA journal_mode")?.text(0) == "wal")
    #expect(try writer.queryOne("PRAGMA synchronous")?.int(0) == 2)
    #expect(try writer.queryOne("PRAGMA foreign_keys")?.int(0) == 1)
    #expect(try writer.queryOne("PRAGMA busy_timeout")?.int(0) == 1234)
    try writer.execute("CREATE TABLE t (x)")
    let reader = try Connection(path: path, readOnly: true)
    #expect(reader.isReadOnly)
    #expect(try reader.queryOne("PRAGMA query_only")?.int(0) == 1)
    #expect(try reader.queryOne("PRAGMA foreign_keys")?.int(0) == 1)
    let error = #expect(throws: StorageError.self) { try reader.run("INSERT INTO t VALUES (1)") }
    #expect(error?.isReadOnly == true)
  }
}

@Test("opening a missing database read-only fails with SQLITE_CANTOPEN")
func missingReadOnly() throws {
  try withTemporaryDirectory { directory in
    let error = #expect(throws: StorageError.self) {
      _ = try Connection(path: directory + "/absent.db", readOnly: true)
    }
    #expect(error?.code == 14)
  }
}
