import CSQLite

/// Rewrites `CHECK (column IN ('a', 'b', …))` constraints as `CHECK (column = 'a' OR column = 'b' …)`.
///
/// The two accept exactly the same values, but SQLite evaluates an `IN` list of constants by building a
/// temporary index of the list every time the statement runs: on the inbox that was about 4 µs of every
/// insert, more than a quarter of the group-commit writer's work per delivery (measured with the inbox's
/// schema at batches of 50). Comparisons cost a fraction of that.
///
/// SQLite cannot alter a constraint, and the two forms store rows identically, so the table definitions
/// are edited in place by the procedure SQLite documents for such changes ("ALTER TABLE: making other
/// kinds of table schema changes"): in the migration's transaction, `PRAGMA writable_schema`, an `UPDATE`
/// of the `CREATE TABLE` text, and the schema version incremented so every connection re-reads it. Where
/// the library forbids editing the schema (`SQLITE_DBCONFIG_DEFENSIVE`), nothing is changed: the
/// constraints keep their meaning and only their speed is lost.
struct CheckConstraintRewrite: Sendable, Hashable {
  /// The table whose definition holds the constraint.
  var table: String
  /// The constrained column.
  var column: String
  /// The accepted values, in the order the original constraint lists them.
  var values: [String]

  /// The constraint as it was written in the original migrations.
  var original: String {
    "CHECK (\(column) IN (\(values.map { "'\($0)'" }.joined(separator: ", "))))"
  }

  /// The equivalent constraint as comparisons.
  var rewritten: String {
    "CHECK (\(values.map { "\(column) = '\($0)'" }.joined(separator: " OR ")))"
  }

  /// Every `IN`-list constraint of the schema's earlier migrations.
  static let listed: [CheckConstraintRewrite] = [
    CheckConstraintRewrite(
      table: "inbox", column: "status",
      values: ["pending", "processed", "quarantined", "suppressed", "ignored"]),
    CheckConstraintRewrite(
      table: "notification_channels", column: "kind", values: ["webhook", "slack", "email"]),
    CheckConstraintRewrite(
      table: "notifications", column: "status",
      values: ["pending", "delivering", "delivered", "dead"]),
    CheckConstraintRewrite(
      table: "notification_deliveries", column: "state",
      values: ["pending", "delivering", "delivered", "dead"]),
    CheckConstraintRewrite(
      table: "plan_items", column: "state", values: ["planned", "in_flight", "done", "failed"]),
  ]

  /// Applies `rewrites` inside the caller's transaction; returns how many table definitions changed
  /// (0 when the library does not allow schema edits, or when they were applied before).
  @discardableResult
  static func apply(_ rewrites: [CheckConstraintRewrite], in connection: Connection)
    throws(StorageError) -> Int
  {
    guard let version = try connection.queryOne("PRAGMA schema_version")?.int(0) else { return 0 }
    do {
      try connection.execute("PRAGMA writable_schema = ON")
    } catch {
      return 0
    }
    var changed = 0
    do {
      for rewrite in rewrites {
        try connection.run(
          """
          UPDATE sqlite_schema SET sql = replace(sql, ?, ?)
          WHERE type = 'table' AND name = ? AND instr(sql, ?) > 0
          """,
          [
            .text(rewrite.original), .text(rewrite.rewritten), .text(rewrite.table),
            .text(rewrite.original),
          ])
        changed += connection.changes
      }
    } catch {
      try? connection.execute("PRAGMA writable_schema = OFF")
      // Defensive mode refuses the UPDATE itself ("table sqlite_master may not be modified") and leaves
      // the transaction open: keep every definition as it was. Anything else (an I/O error, a full disk,
      // a transaction SQLite already rolled back) fails the migration, so it is not recorded as applied.
      if changed == 0, Self.isSchemaEditRefusal(error), connection.isInTransaction { return 0 }
      throw error
    }
    if changed > 0 { try connection.execute("PRAGMA schema_version = \(version + 1)") }
    try connection.execute("PRAGMA writable_schema = OFF")
    return changed
  }

  /// Whether `error` is SQLite refusing to let the schema table be edited (defensive mode).
  static func isSchemaEditRefusal(_ error: StorageError) -> Bool {
    error.primaryCode == SQLITE_ERROR && error.message.contains("may not be modified")
  }
}
