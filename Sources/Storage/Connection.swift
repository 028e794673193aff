import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not Sendable: a connection is owned by one thread at a time (`Database` hands its connections out one
/// user at a time). Opened read-write it uses WAL, `synchronous=FULL` (every commit is durable when it
/// returns; group commit provides the throughput), foreign keys and a busy timeout; opened read-only it
/// uses foreign keys, the busy timeout and `query_only`.
public final class Connection {
  /// The `sqlite3` handle.
  let handle: OpaquePointer
  /// The database file this connection opened.
  public let path: String
  /// `true` when opened read-only.
  public let isReadOnly: Bool
  /// Prepared statements by SQL text; reset and unbound whenever they are not in use.
  private var statements: [String: Statement] = [:]
  /// How many `SAVEPOINT`s `transaction` has open, to name the next one.
  private var savepointDepth = 0

  /// How many prepared statements the cache keeps before it starts afresh (dynamic SQL must not grow it).
  static let statementCacheLimit = 256

  /// Opens (read-write: creating) the database at `path` and configures it.
  public init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5000)
    throws(StorageError)
  {
    var opened: OpaquePointer?
    let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    let flags = access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
    let code = sqlite3_open_v2(path, &opened, flags, nil)
    guard code == SQLITE_OK, let opened else {
      let error = StorageError(connection: opened, code: code, sql: nil)
      sqlite3_close_v2(opened)
      throw error
    }
    do {
      try Self.configure(
        opened, readOnly: readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    } catch {
      sqlite3_close_v2(opened)
      throw error
    }
    handle = opened
    self.path = path
    isReadOnly = readOnly
  }

  private static func configure(_ db: OpaquePointer, readOnly: Bool, busyTimeoutMilliseconds: Int32)
    throws(StorageError)
  {
    sqlite3_extended_result_codes(db, 1)
    sqlite3_busy_timeout(db, max(0, busyTimeoutMilliseconds))
    let pragmas: [String]
    if readOnly {
      pragmas = ["PRAGMA foreign_keys = ON", "PRAGMA query_only = 1"]
    } else {
      let mode = try Statement(connection: db, sql: "PRAGMA journal_mode = WAL", persistent: false)
      let journal = try mode.step() ? mode.row(columnNames: ["journal_mode"]).text(0) : nil
      // An in-memory database cannot use WAL and answers "memory"; a file that answers otherwise failed.
      guard journal == "wal" || journal == "memory" else {
        throw StorageError(
          code: SQLITE_ERROR, message: "journal_mode is \(journal ?? "unknown"), not wal",
          sql: "PRAGMA journal_mode = WAL")
      }
      pragmas = ["PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"]
    }
    for pragma in pragmas {
      let code = sqlite3_exec(db, pragma, nil, nil, nil)
      guard code == SQLITE_OK else { throw StorageError(connection: db, code: code, sql: pragma) }
    }
  }

  deinit {
    statements.removeAll()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements without parameters (schema scripts, pragmas, `BEGIN`/`COMMIT`).
  public func execute(_ sql: String) throws(StorageError) {
    let code = sqlite3_exec(handle, sql, nil, nil, nil)
    guard code == SQLITE_OK else {
      throw StorageError(connection: handle, code: sqlite3_extended_errcode(handle), sql: sql)
    }
  }

  /// Runs one statement with `arguments` bound to its `?` parameters, discarding any rows.
  public func run(_ sql: String, _ arguments: [SQLValue] = []) throws(StorageError) {
    let statement = try acquire(sql)
    defer { release(statement) }
    try statement.bind(arguments)
    while try statement.step() {}
  }

  /// Runs one statement with `arguments` bound and returns every row.
  public func query(_ sql: String, _ arguments: [SQLValue] = []) throws(StorageError) -> [Row] {
    let statement = try acquire(sql)
    defer { release(statement) }
    try statement.bind(arguments)
    let names = statement.columnNames()
    var rows: [Row] = []
    while try statement.step() {
      rows.append(statement.row(columnNames: names))
    }
    return rows
  }

  /// Runs one statement with `arguments` bound and returns its first row, if any.
  public func queryOne(_ sql: String, _ arguments: [SQLValue] = []) throws(StorageError) -> Row? {
    let statement = try acquire(sql)
    defer { release(statement) }
    try statement.bind(arguments)
    return try statement.step() ? statement.row(columnNames: statement.columnNames()) : nil
  }

  /// Runs one statement with `arguments` bound and hands each row to `body` as it is stepped, so that large
  /// results are never held in memory; an error thrown by `body` stops the iteration and is rethrown.
  public func forEach(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Row) throws -> Void)
    throws
  {
    let statement = try acquire(sql)
    defer { release(statement) }
    try statement.bind(arguments)
    let names = statement.columnNames()
    while try statement.step() {
      try body(statement.row(columnNames: names))
    }
  }

  /// The rowid of the last successful INSERT on this connection.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// How many rows the last INSERT, UPDATE or DELETE on this connection changed.
  public var changes: Int { Int(sqlite3_changes64(handle)) }

  /// `true` while a transaction is open on this connection.
  public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

  /// Turns SQLite's defensive mode on or off for this connection (`SQLITE_DBCONFIG_DEFENSIVE`: no edits
  /// of the schema table, as some embedders configure); tests use it to check code that must cope.
  func setDefensive(_ on: Bool) throws(StorageError) {
    let code = tw_sqlite3_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, on ? 1 : 0)
    guard code == SQLITE_OK else { throw StorageError(connection: handle, code: code, sql: nil) }
  }

  /// Runs `body` in a transaction: `BEGIN IMMEDIATE` … `COMMIT` (a read-only connection uses a deferred
  /// `BEGIN`, which gives `body` one consistent snapshot). If `body` throws, rolls back and rethrows that
  /// first error. Inside an open transaction it uses a `SAVEPOINT`, so a failing nested call undoes only
  /// its own work.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    guard isInTransaction else {
      try execute(isReadOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE")
      let result: T
      do {
        result = try body()
        try execute("COMMIT")
      } catch {
        rollbackIfActive()
        throw error
      }
      return result
    }
    savepointDepth += 1
    defer { savepointDepth -= 1 }
    let name = "tw_savepoint_\(savepointDepth)"
    // Prepared once per depth through the statement cache rather than parsed on every nested call.
    try run("SAVEPOINT \(name)")
    do {
      let result = try body()
      try run("RELEASE \(name)")
      return result
    } catch {
      // SQLite may already have rolled the whole transaction back (e.g. on SQLITE_FULL): ignore failures.
      if isInTransaction {
        try? execute("ROLLBACK TO \(name)")
        try? execute("RELEASE \(name)")
      }
      throw error
    }
  }

  private func rollbackIfActive() {
    if isInTransaction { try? execute("ROLLBACK") }
  }

  /// The names of the user tables, sorted.
  public func tableNames() throws -> [String] {
    try query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        + " ORDER BY name"
    ).compactMap { $0.text(0) }
  }

  /// The column names of `table` in declaration order; empty when there is no such table.
  public func columnNames(table: String) throws -> [String] {
    try query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)]).compactMap {
      $0.text(0)
    }
  }

  /// The cached statement for `sql`, or a fresh one when it is busy (re-entrant use) or new.
  private func acquire(_ sql: String) throws(StorageError) -> Statement {
    if let cached = statements[sql], !cached.isInUse {
      cached.isInUse = true
      return cached
    }
    let statement = try Statement(connection: handle, sql: sql, persistent: true)
    if statements[sql] == nil {
      if statements.count >= Self.statementCacheLimit {
        statements.removeAll(keepingCapacity: true)
      }
      statements[sql] = statement
    }
    statement.isInUse = true
    return statement
  }

  private func release(_ statement: Statement) {
    statement.reset()
    statement.isInUse = false
  }
}

@available(
  *, unavailable, message: "a connection is used by one thread at a time; share a Database"
)
extension Connection: Sendable {}
