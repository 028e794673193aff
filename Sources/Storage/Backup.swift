import CSQLite
import Foundation

/// A consistent online copy of a database file with SQLite's backup API, taken while it is in use.
///
/// The copy is made from a separate read-only connection in one `sqlite3_backup_step(-1)` call, so it is
/// one snapshot: in WAL mode writers go on committing meanwhile and are not in the copy. It is written
/// to a temporary file next to the destination, checked with `PRAGMA integrity_check`, and renamed into
/// place, so the destination is either the old file or a complete, checked copy.
public enum Backup {
  /// What a finished backup copied.
  public struct Report: Sendable, Equatable {
    /// Database pages copied.
    public let pages: Int
    /// Size of the copy in bytes.
    public let bytes: Int
  }

  /// Copies the database at `source` to `destination` (replacing it) and checks the copy.
  public static func copy(from source: String, to destination: String) throws(StorageError)
    -> Report
  {
    let partial = destination + ".partial-\(getpid())"
    defer { unlink(partial) }
    let sourceHandle = try open(source, flags: SQLITE_OPEN_READONLY)
    defer { sqlite3_close_v2(sourceHandle) }
    let copyHandle = try open(partial, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    var closedCopy = false
    defer { if !closedCopy { sqlite3_close_v2(copyHandle) } }

    guard let backup = sqlite3_backup_init(copyHandle, "main", sourceHandle, "main") else {
      throw StorageError(connection: copyHandle, code: sqlite3_errcode(copyHandle), sql: nil)
    }
    var code = SQLITE_OK
    for attempt in 0..<50 {
      code = sqlite3_backup_step(backup, -1)
      guard code == SQLITE_BUSY || code == SQLITE_LOCKED else { break }
      if attempt < 49 { sqlite3_sleep(100) }
    }
    let pages = Int(sqlite3_backup_pagecount(backup))
    let finished = sqlite3_backup_finish(backup)
    guard code == SQLITE_DONE, finished == SQLITE_OK else {
      throw StorageError(
        code: code == SQLITE_DONE ? finished : code,
        message: "the backup did not complete: \(String(cString: sqlite3_errstr(code)))")
    }
    try checkIntegrity(copyHandle)
    closedCopy = true
    let closed = sqlite3_close_v2(copyHandle)
    guard closed == SQLITE_OK else {
      throw StorageError(code: closed, message: "the copy could not be closed")
    }
    guard rename(partial, destination) == 0 else {
      throw StorageError(code: SQLITE_CANTOPEN, message: "the copy could not be moved into place")
    }
    var status = stat()
    let bytes = stat(destination, &status) == 0 ? Int(status.st_size) : 0
    return Report(pages: pages, bytes: bytes)
  }

  /// Runs `PRAGMA integrity_check` on `path` and throws unless it answers `ok`.
  public static func verify(_ path: String) throws(StorageError) {
    let handle = try open(path, flags: SQLITE_OPEN_READONLY)
    defer { sqlite3_close_v2(handle) }
    try checkIntegrity(handle)
  }

  /// Opens `path` with `flags`, a busy timeout and extended result codes.
  private static func open(_ path: String, flags: Int32) throws(StorageError) -> OpaquePointer {
    var handle: OpaquePointer?
    let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard code == SQLITE_OK, let handle else {
      let error = StorageError(connection: handle, code: code, sql: nil)
      sqlite3_close_v2(handle)
      throw error
    }
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, 5000)
    return handle
  }

  /// Throws unless `PRAGMA integrity_check` answers a single `ok`.
  private static func checkIntegrity(_ handle: OpaquePointer) throws(StorageError) {
    let sql = "PRAGMA integrity_check"
    let statement = try Statement(connection: handle, sql: sql, persistent: false)
    guard try statement.step(),
      statement.row(columnNames: ["integrity_check"]).text(0) == "ok"
    else {
      throw StorageError(
        code: SQLITE_CORRUPT, message: "the copy failed its integrity check", sql: sql)
    }
  }
}
