import Foundation
import Storage
import Testing

/// Counts how many bodies run at once, to prove serialization or a concurrency bound.
private final class ConcurrencyTracker: @unchecked Sendable {
  // `lock` serializes `active` and `peak`.
  private let lock = NSLock()
  private var active = 0
  private var peak = 0

  /// Runs `body` counted as one active user.
  func track<T>(_ body: () throws -> T) rethrows -> T {
    lock.withLock {
      active += 1
      peak = max(peak, active)
    }
    defer { lock.withLock { active -= 1 } }
    return try body()
  }

  /// The most bodies that ran at the same time.
  var maximum: Int { lock.withLock { peak } }
}

/// The values in `t`, ascending.
private func values(_ connection: Connection) throws -> [Int64] {
  try connection.query("SELECT x FROM t ORDER BY x").compactMap { $0.int(0) }
}

@Test("50 concurrent writes from 50 tasks are all applied, one at a time")
func concurrentWritesSerialized() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let path = directory + "/nested/deeper/app.db"
    let database = try Database(path: path)
    #expect(database.path == path)
    #expect(FileManager.default.fileExists(atPath: path))
    try await database.write { connection in
      try connection.execute(
        "CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0); CREATE TABLE log (task INTEGER);"
      )
    }
    let tracker = ConcurrencyTracker()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for task in 0..<50 {
        group.addTask {
          try await database.write { connection in
            try tracker.track {
              try connection.transaction {
                // A read-modify-write that loses updates unless writes are serialized.
                let n = try connection.queryOne("SELECT n FROM counter")?.int(0) ?? -1
                try connection.run("UPDATE counter SET n = ?", [.integer(n + 1)])
                try connection.run("INSERT INTO log (task) VALUES (?)", [SQLValue(task)])
              }
            }
          }
        }
      }
      try await group.waitForAll()
    }
    #expect(tracker.maximum == 1)
    let (count, logged, distinct) = try await database.read { connection in
      (
        try connection.queryOne("SELECT n FROM counter")?.int(0),
        try connection.queryOne("SELECT count(*) FROM log")?.int(0),
        try connection.queryOne("SELECT count(DISTINCT task) FROM log")?.int(0)
      )
    }
    #expect(count == 50)
    #expect(logged == 50)
    #expect(distinct == 50)
    database.close()
  }
}

@Test("readers see the committed data while a write transaction is open, and the commit after it")
func readersSeeCommittedDataDuringWrite() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let database = try Database(path: directory + "/wal.db", readerCount: 2)
    try await database.write { connection in
      try connection.execute("CREATE TABLE t (x INTEGER)")
      try connection.run("INSERT INTO t VALUES (?)", [1])
    }
    let seenDuringWrite = try await database.write { connection in
      try connection.transaction {
        try connection.run("INSERT INTO t VALUES (?)", [2])
        #expect(try values(connection) == [1, 2])
        return try database.readSync { reader in try values(reader) }
      }
    }
    #expect(seenDuringWrite == [1])
    #expect(try await database.read { try values($0) } == [1, 2])
  }
}

@Test(
  "a reader's snapshot stays stable while the writer commits (WAL: the commit does not wait for it)"
)
func readerSnapshotWhileWriterCommits() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let database = try Database(path: directory + "/snapshot.db", busyTimeoutMilliseconds: 200)
    try await database.write { connection in
      try connection.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
    }
    let (before, during) = try await database.read { reader in
      try reader.transaction {
        let before = try values(reader)
        try database.writeSync { writer in try writer.run("INSERT INTO t VALUES (?)", [2]) }
        return (before, try values(reader))
      }
    }
    #expect(before == [1])
    #expect(during == [1])
    #expect(try await database.read { try values($0) } == [1, 2])
    #expect(try await database.write { try $0.queryOne("PRAGMA journal_mode")?.text(0) } == "wal")
  }
}

@Test("reads wait for a free reader: never more at once than the pool holds")
func readerPoolBound() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let database = try Database(path: directory + "/pool.db", readerCount: 2)
    try await database.write {
      try $0.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7);")
    }
    let tracker = ConcurrencyTracker()
    let results = try await withThrowingTaskGroup(of: Int64?.self) { group in
      for _ in 0..<20 {
        group.addTask {
          try await database.read { connection in
            try tracker.track {
              usleep(2_000)
              return try connection.queryOne("SELECT x FROM t")?.int(0)
            }
          }
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results == Array(repeating: 7, count: 20))
    #expect(tracker.maximum <= 2)
    #expect(tracker.maximum >= 1)
  }
}

@Test("writeSync and readSync work from plain threads, and writeSync is re-entrant inside a write")
func synchronousAccess() throws {
  try withTemporaryDirectory { directory in
    let database = try Database(path: directory + "/sync.db")
    try database.writeSync { connection in
      try connection.execute("CREATE TABLE t (x INTEGER)")
      try database.writeSync { inner in
        #expect(inner === connection)
        try inner.run("INSERT INTO t VALUES (?)", [3])
      }
    }
    #expect(try database.readSync { try values($0) } == [3])
  }
}

@Test(
  "isWritable is true on a normal database and false while another connection holds the write lock")
func isWritableUnderLock() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let path = directory + "/locked.db"
    let database = try Database(path: path, busyTimeoutMilliseconds: 100)
    try await database.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
    #expect(database.isWritable())

    let other = try Connection(path: path, busyTimeoutMilliseconds: 100)
    try other.execute("BEGIN IMMEDIATE")
    #expect(!database.isWritable())
    let error = await #expect(throws: StorageError.self) {
      try await database.write { try $0.run("INSERT INTO t VALUES (?)", [1]) }
    }
    #expect(error?.isBusy == true)
    #expect(try await database.read { try values($0) } == [])
    try other.execute("ROLLBACK")
    #expect(database.isWritable())
  }
}

@Test("isWritable is false on a database opened read-only, whose writes fail and reads work")
func isWritableReadOnly() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let path = directory + "/readonly.db"
    let setup = try Database(path: path)
    try await setup.write {
      try $0.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (5);")
    }

    let database = try Database(path: path, readOnly: true)
    #expect(!database.isWritable())
    let error = await #expect(throws: StorageError.self) {
      try await database.write { try $0.run("INSERT INTO t VALUES (?)", [6]) }
    }
    #expect(error?.isReadOnly == true)
    #expect(try await database.read { try values($0) } == [5])
    #expect(setup.isWritable())
  }
}

@Test("a closed database refuses work with SQLITE_MISUSE, and closing twice is harmless")
func closedDatabase() async throws {
  try await withAsyncTemporaryDirectory { directory in
    let database = try Database(path: directory + "/closed.db")
    try await database.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
    database.close()
    database.close()
    let writeError = await #expect(throws: StorageError.self) {
      try await database.write { try $0.execute("INSERT INTO t VALUES (1)") }
    }
    #expect(writeError?.code == 21)
    let readError = await #expect(throws: StorageError.self) {
      try await database.read { try values($0) }
    }
    #expect(readError?.code == 21)
    #expect(!database.isWritable())
  }
}

@Test("a Database needs a file and at least one reader")
func databaseArgumentsChecked() throws {
  try withTemporaryDirectory { directory in
    #expect(throws: StorageError.self) { _ = try Database(path: ":memory:") }
    #expect(throws: StorageError.self) {
      _ = try Database(path: directory + "/x.db", readerCount: 0)
    }
  }
}
