import Storage
import Testing

/// Opens a connection on a fresh file with a table `t(x)`.
private func withTable<T>(_ body: (Connection) throws -> T) throws -> T {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/tx.db")
    try connection.execute("CREATE TABLE t (x INTEGER NOT NULL)")
    return try body(connection)
  }
}

/// The values in `t`, in insertion order.
private func values(_ connection: Connection) throws -> [Int64] {
  try connection.query("SELECT x FROM t ORDER BY rowid").compactMap { $0.int(0) }
}

@Test("a transaction commits what its body wrote and returns the body's result")
func transactionCommits() throws {
  try withTable { connection throws in
    let result = try connection.transaction {
      try connection.run("INSERT INTO t VALUES (?)", [1])
      #expect(connection.isInTransaction)
      return "done"
    }
    #expect(result == "done")
    #expect(!connection.isInTransaction)
    #expect(try values(connection) == [1])
  }
}

@Test("a throwing body rolls everything back and its first error is rethrown")
func rollbackOnThrow() throws {
  try withTable { connection throws in
    #expect(throws: Boom(tag: "first")) {
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", [1])
        try connection.run("INSERT INTO t VALUES (?)", [2])
        throw Boom(tag: "first")
      }
    }
    #expect(!connection.isInTransaction)
    #expect(try values(connection) == [])
  }
}

@Test(
  "a failing statement inside a transaction rolls back the earlier writes and rethrows its error")
func rollbackOnStatementError() throws {
  try withTable { connection throws in
    let error = #expect(throws: StorageError.self) {
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", [1])
        try connection.run("INSERT INTO t VALUES (?)", [nil])
      }
    }
    #expect(error?.code == 1299)  // SQLITE_CONSTRAINT_NOTNULL
    #expect(try values(connection) == [])
  }
}

@Test("a failing nested transaction rolls back only its own savepoint")
func nestedRollback() throws {
  try withTable { connection throws in
    try connection.transaction {
      try connection.run("INSERT INTO t VALUES (?)", [1])
      #expect(throws: Boom(tag: "inner")) {
        try connection.transaction {
          try connection.run("INSERT INTO t VALUES (?)", [2])
          try connection.transaction { try connection.run("INSERT INTO t VALUES (?)", [3]) }
          throw Boom(tag: "inner")
        }
      }
      #expect(try values(connection) == [1])
      try connection.transaction { try connection.run("INSERT INTO t VALUES (?)", [4]) }
      try connection.run("INSERT INTO t VALUES (?)", [5])
    }
    #expect(try values(connection) == [1, 4, 5])
  }
}

@Test("an outer failure also undoes committed-looking nested work")
func outerRollbackUndoesNested() throws {
  try withTable { connection throws in
    #expect(throws: Boom(tag: "outer")) {
      try connection.transaction {
        try connection.transaction { try connection.run("INSERT INTO t VALUES (?)", [1]) }
        throw Boom(tag: "outer")
      }
    }
    #expect(try values(connection) == [])
  }
}
