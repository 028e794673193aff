import CSQLite

/// One prepared statement: owns its `sqlite3_stmt` and finalizes it on deinit.
///
/// Not Sendable: it belongs to its `Connection`, which is used by one thread at a time.
final class Statement {
  /// The `sqlite3_stmt`.
  let handle: OpaquePointer
  /// The connection's `sqlite3`, for error messages.
  private let connection: OpaquePointer
  /// The statement text, reported in errors (bound values never are).
  let sql: String
  /// `true` while a caller is stepping it, so that a re-entrant use of the same SQL prepares a fresh one.
  var isInUse = false

  /// Prepares the single statement in `sql`; refuses empty SQL and SQL holding more than one statement.
  init(connection: OpaquePointer, sql: String, persistent: Bool) throws(StorageError) {
    self.connection = connection
    self.sql = sql
    let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
    var statement: OpaquePointer?
    var trailing: OpaquePointer?
    var trailingCode = SQLITE_OK
    let code = sql.withCString { text -> Int32 in
      var tail: UnsafePointer<CChar>?
      let code = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
      // Anything after the first statement other than whitespace and comments is a second statement.
      if code == SQLITE_OK, let tail, tail.pointee != 0 {
        trailingCode = sqlite3_prepare_v2(connection, tail, -1, &trailing, nil)
      }
      return code
    }
    guard code == SQLITE_OK else {
      let error = StorageError(connection: connection, code: code, sql: sql)
      sqlite3_finalize(statement)
      throw error
    }
    guard let statement else {
      throw StorageError.misuse("no statement in SQL", sql: sql)
    }
    if trailing != nil || trailingCode != SQLITE_OK {
      sqlite3_finalize(trailing)
      sqlite3_finalize(statement)
      throw StorageError.misuse("more than one statement: use execute(_:) for scripts", sql: sql)
    }
    handle = statement
  }

  deinit { sqlite3_finalize(handle) }

  /// Binds `arguments` to the positional parameters; their count must match exactly.
  func bind(_ arguments: [SQLValue]) throws(StorageError) {
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard arguments.count == expected else {
      throw StorageError(
        code: SQLITE_RANGE, message: "expected \(expected) arguments, got \(arguments.count)",
        sql: sql)
    }
    for (offset, value) in arguments.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32
      switch value {
      case .null:
        code = sqlite3_bind_null(handle, index)
      case .integer(let v):
        code = sqlite3_bind_int64(handle, index, v)
      case .real(let d):
        code = sqlite3_bind_double(handle, index, d)
      case .text(let s):
        code = bindText(s, at: index)
      case .blob(let b):
        code = bindBlob(b, at: index)
      }
      guard code == SQLITE_OK else {
        throw StorageError(connection: connection, code: code, sql: sql)
      }
    }
  }

  private func bindText(_ text: String, at index: Int32) -> Int32 {
    var text = text
    return text.withUTF8 { bytes -> Int32 in
      guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
      // A nil pointer would bind NULL; the empty string must stay TEXT.
      guard let base = bytes.baseAddress, bytes.count > 0 else {
        return tw_sqlite3_bind_text_transient(handle, index, "", 0)
      }
      return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        tw_sqlite3_bind_text_transient(handle, index, $0, Int32(bytes.count))
      }
    }
  }

  private func bindBlob(_ blob: [UInt8], at index: Int32) -> Int32 {
    guard blob.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
    // A nil pointer would bind NULL; the empty blob must stay BLOB.
    guard !blob.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
    return blob.withUnsafeBytes {
      tw_sqlite3_bind_blob_transient(handle, index, $0.baseAddress, Int32(blob.count))
    }
  }

  /// Advances; `true` when a row is available, `false` when done.
  func step() throws(StorageError) -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw StorageError(connection: connection, code: code, sql: sql)
    }
  }

  /// The result column names (read per execution: a schema change may re-prepare the statement).
  func columnNames() -> [String] {
    (0..<sqlite3_column_count(handle)).map { column in
      sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
    }
  }

  /// The current row, copied out.
  func row(columnNames: [String]) -> Row {
    var values: [SQLValue] = []
    values.reserveCapacity(columnNames.count)
    for column in 0..<Int32(columnNames.count) {
      values.append(value(at: column))
    }
    return Row(columnNames: columnNames, values: values)
  }

  private func value(at column: Int32) -> SQLValue {
    switch sqlite3_column_type(handle, column) {
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, column))
    case SQLITE_TEXT:
      guard let text = sqlite3_column_text(handle, column) else { return .text("") }
      let count = Int(sqlite3_column_bytes(handle, column))
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      guard let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
      let count = Int(sqlite3_column_bytes(handle, column))
      return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: count)))
    default:
      return .null
    }
  }

  /// Makes the statement ready for its next use: resets it and clears its bindings.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }
}

@available(
  *, unavailable, message: "a statement belongs to one connection, used by one thread at a time"
)
extension Statement: Sendable {}
