extension StorageError {
  /// A row that breaks an invariant the schema should guarantee (a NOT NULL column read back as null, say).
  /// Uses SQLite's `SQLITE_CORRUPT` code (11), since the data no longer fits the schema.
  static func inconsistency(_ message: String) -> StorageError {
    StorageError(code: 11, message: message, sql: nil)
  }
}
