import Storage
import Testing

/// A value that must never appear in an error.
private let secret = "sk_live_SECRET-4815162342@example.com"

/// Opens a connection on a fresh file with constrained tables.
private func withConstrainedTables<T>(_ body: (Connection) throws -> T) throws -> T {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/errors.db")
    try connection.execute(
      """
      CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, code TEXT CHECK (length(code) < 5));
      CREATE TABLE typed (n INTEGER) STRICT;
      CREATE TABLE child (account_id INTEGER NOT NULL REFERENCES account (id));
      """)
    return try body(connection)
  }
}

@Test("a unique violation carries its code and SQL, is flagged, and never shows the bound values")
func uniqueViolation() throws {
  try withConstrainedTables { connection in
    let sql = "INSERT INTO account (email) VALUES (?)"
    try connection.run(sql, [.text(secret)])
    let error = try #require(
      #expect(throws: StorageError.self) { try connection.run(sql, [.text(secret)]) })
    #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
    #expect(error.primaryCode == 19)
    #expect(error.isConstraintViolation)
    #expect(!error.isBusy)
    #expect(error.sql == sql)
    #expect(error.description.contains(sql))
    #expect(error.description.contains("2067"))
    #expect(!error.description.contains(secret))
    #expect(!String(reflecting: error).contains(secret))
  }
}

@Test("check, strict type and argument errors never show the bound values")
func otherErrorsHideValues() throws {
  try withConstrainedTables { connection in
    let failures: [(String, [SQLValue], Int32)] = [
      // SQLITE_CONSTRAINT_CHECK
      ("INSERT INTO account (email, code) VALUES (?, ?)", ["a@example.com", .text(secret)], 275),
      ("INSERT INTO typed (n) VALUES (?)", [.text(secret)], 3091),  // SQLITE_CONSTRAINT_DATATYPE
      ("SELECT ?", [.text(secret), .text(secret)], 25),  // SQLITE_RANGE
    ]
    for (sql, arguments, code) in failures {
      let error = #expect(throws: StorageError.self) { try connection.run(sql, arguments) }
      #expect(error?.code == code)
      #expect(error?.sql == sql)
      #expect(error?.description.contains(secret) == false)
    }
  }
}

@Test("a foreign key violation is flagged: foreign keys are on")
func foreignKeyViolation() throws {
  try withConstrainedTables { connection in
    let error = #expect(throws: StorageError.self) {
      try connection.run("INSERT INTO child (account_id) VALUES (?)", [42])
    }
    #expect(error?.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
    #expect(error?.isConstraintViolation == true)
  }
}

@Test("a syntax error reports SQLITE_ERROR with SQLite's message and the statement text")
func syntaxError() throws {
  try withConstrainedTables { connection in
    let error = #expect(throws: StorageError.self) { try connection.query("SELEC 1") }
    #expect(error?.code == 1)
    #expect(error?.message.contains("syntax error") == true)
    #expect(error?.sql == "SELEC 1")
    #expect(error?.isConstraintViolation == false)
  }
}
