import CSQLite

/// A failure reported by SQLite (or by this layer in SQLite's terms), safe to log.
///
/// It carries the extended result code, SQLite's message and the statement text, and never the bound
/// values: SQL is written with `?` placeholders, so personal data and secrets stay out of errors and logs.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The SQLite extended result code (for example 2067, `SQLITE_CONSTRAINT_UNIQUE`).
  public let code: Int32
  /// SQLite's message (`sqlite3_errmsg`), or this layer's explanation.
  public let message: String
  /// The statement text, without bound values; `nil` when no statement was involved.
  public let sql: String?

  /// An error with an explicit code, message and statement text.
  public init(code: Int32, message: String, sql: String? = nil) {
    self.code = code
    self.message = message
    self.sql = sql
  }

  /// The error that `connection` reports for result `code`, while running `sql`.
  init(connection: OpaquePointer?, code: Int32, sql: String?) {
    let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
    self.init(code: code, message: message ?? String(cString: sqlite3_errstr(code)), sql: sql)
  }

  /// A misuse of this layer (wrong argument count, closed database, ...), reported as `SQLITE_MISUSE`.
  static func misuse(_ message: String, sql: String? = nil) -> StorageError {
    StorageError(code: SQLITE_MISUSE, message: message, sql: sql)
  }

  /// The primary result code: the low byte of `code` (19 for every constraint violation).
  public var primaryCode: Int32 { code & 0xFF }

  /// `true` for any constraint violation: UNIQUE, PRIMARY KEY, NOT NULL, CHECK, FOREIGN KEY, ...
  public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

  /// `true` when the database was locked by another connection past the busy timeout.
  public var isBusy: Bool { primaryCode == SQLITE_BUSY }

  /// `true` when the database or connection cannot be written (`SQLITE_READONLY` and its variants).
  public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }

  /// Code, message and statement text; never bound values.
  public var description: String {
    let name = String(cString: sqlite3_errstr(code))
    var text = "SQLite error \(code) (\(name)): \(message)"
    if let sql { text += " [sql: \(sql)]" }
    return text
  }
}
