public import Domain
import Foundation

/// Hard deletion of a person's personal data everywhere, and the reads the retention job needs. All of its
/// SQL lives here.
public enum PurgeStore {
  /// Tables that keep rows about a candidate but hold no personal data, or are handled separately.
  static let exemptTables: Set<String> = ["candidates", "audit_log", "suppression_list"]

  /// How the provider names the person `candidateID` (for the suppression hashes), nil when not held.
  public static func identity(candidateID: Int64, in connection: Connection) throws
    -> PersonReference?
  {
    guard
      let row = try connection.queryOne(
        "SELECT provider, provider_id, profile_url FROM candidates WHERE id = ?",
        [.integer(candidateID)]),
      let provider = row.text(0)
    else { return nil }
    return PersonReference(provider: provider, providerID: row.text(1), profileURL: row.text(2))
  }

  /// Text columns of tables that can mention a person without naming their `candidate_id` (a digest
  /// notification about several people): a value containing one of the person's identifiers is replaced.
  public static let defaultRedactions: [String: [String]] = ["notifications": ["summary", "data"]]

  /// What a redacted text value becomes.
  public static let redactedText = "[erased]"

  /// Deletes candidate `candidateID` and everything personal about them, in the caller's transaction:
  /// stored webhook bodies of deliveries that named them (set NULL), then every row of every table with a
  /// `candidate_id` column (pending fields, contact data, signals, scores, change events, plan items,
  /// pipeline entries, notifications, and tables other areas add) together with rows of tables that
  /// reference those rows without a cascade, then the text columns of `redacting` that mention their
  /// name, profile URL or provider id, then the candidate row with its raw payload. Freed pages are
  /// overwritten (`secure_delete`). Returns nil when there is no such candidate.
  public static func purgeCandidate(
    _ candidateID: Int64, redacting: [String: [String]] = defaultRedactions,
    in connection: Connection
  ) throws -> PurgeReport? {
    guard
      let person = try connection.queryOne(
        "SELECT name, profile_url, provider_id FROM candidates WHERE id = ?",
        [.integer(candidateID)])
    else { return nil }
    // Short provider ids would match unrelated text; names and URLs are specific enough.
    let identifiers = [
      person.text(0), person.text(1), person.text(2).flatMap { $0.count >= 6 ? $0 : nil },
    ]
    .compactMap { $0 }.filter { $0.count >= 3 }
    let previousSecureDelete =
      try connection.queryOne("PRAGMA secure_delete")?.int(0) ?? 0
    try connection.execute("PRAGMA secure_delete = ON")
    defer { try? connection.execute("PRAGMA secure_delete = \(previousSecureDelete)") }
    return try connection.transaction {
      try connection.run(
        """
        UPDATE inbox SET body = NULL, body_purge_after = NULL
        WHERE body IS NOT NULL AND id IN (SELECT inbox_id FROM signals WHERE candidate_id = ?)
        """, [.integer(candidateID)])
      var cleared = connection.changes
      // Bodies that name the person without a signal of theirs: quarantined or pending deliveries, and
      // multi-person runs processed before they were held. Matched byte-wise on what identifies them in
      // a provider's JSON; a body of someone else with the same name or id goes too (erasure is final).
      for needle in bodyNeedles(
        name: person.text(0), profileURL: person.text(1), providerID: person.text(2))
      {
        try connection.run(
          """
          UPDATE inbox SET body = NULL, body_purge_after = NULL
          WHERE body IS NOT NULL AND instr(body, ?) > 0
          """, [.blob(Array(needle.utf8))])
        cleared += connection.changes
      }
      var deleted: [String: Int] = [:]
      // Score columns are keyed by vacancy, not candidate: clear the person's bytes first.
      try ScoreStore.eraseColumns(candidateID: candidateID, in: connection)
      for table in try tablesWithCandidateColumn(in: connection) {
        try delete(
          from: table, where: "candidate_id = ?", [.integer(candidateID)], depth: 0,
          counts: &deleted, in: connection)
      }
      for (table, columns) in redacting.sorted(by: { $0.key < $1.key }) {
        let present = Set(try connection.columnNames(table: table))
        for column in columns where present.contains(column) {
          for identifier in identifiers {
            try connection.run(
              "UPDATE \(quoted(table)) SET \(quoted(column)) = ? WHERE instr(\(quoted(column)), ?) > 0",
              [.text(redactedText), .text(identifier)])
            deleted["redacted.\(table)", default: 0] += connection.changes
          }
        }
      }
      try connection.run("DELETE FROM candidates WHERE id = ?", [.integer(candidateID)])
      deleted["candidates"] = connection.changes
      return PurgeReport(candidateID: candidateID, deletedRows: deleted, clearedBodies: cleared)
    }
  }

  /// What identifies a person inside a stored webhook body: their name as a JSON string (quoted, so that
  /// "Ann" does not match "Annual"), their provider id when it is specific (six characters or more), and
  /// their profile URL without scheme and `www.` (so every spelling of the same profile matches).
  static func bodyNeedles(name: String?, profileURL: String?, providerID: String?) -> [String] {
    var needles: [String] = []
    if let name, name.count >= 3 { needles.append("\"\(name)\"") }
    if let providerID, providerID.count >= 6 { needles.append(providerID) }
    if let profileURL, let normalized = ProfileURL.normalize(profileURL) {
      needles.append(String(normalized.dropFirst("https://".count)))
    }
    return needles
  }

  /// Deletes the rows of `table` matching `condition`, first deleting rows of other tables that reference
  /// them through a foreign key without `ON DELETE CASCADE` / `SET NULL` (which would otherwise refuse).
  private static func delete(
    from table: String, where condition: String, _ arguments: [SQLValue], depth: Int,
    counts: inout [String: Int], in connection: Connection
  ) throws {
    if depth < 4 {
      for reference in try references(to: table, in: connection) {
        try delete(
          from: reference.child,
          where:
            "\(quoted(reference.column)) IN (SELECT \(quoted(reference.parentColumn)) FROM \(quoted(table)) "
            + "WHERE \(condition))",
          arguments, depth: depth + 1, counts: &counts, in: connection)
      }
    }
    try connection.run("DELETE FROM \(quoted(table)) WHERE \(condition)", arguments)
    counts[table, default: 0] += connection.changes
  }

  /// Foreign keys of other tables that point at `table` and neither cascade nor set null.
  private static func references(to table: String, in connection: Connection) throws -> [(
    child: String, column: String, parentColumn: String
  )] {
    var found: [(child: String, column: String, parentColumn: String)] = []
    for child in try connection.tableNames() where child != table {
      for key in try connection.query(
        "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?)",
        [.text(child)])
      where key.text(0) == table {
        let action = key.text(3)?.uppercased() ?? "NO ACTION"
        guard action != "CASCADE", action != "SET NULL", let column = key.text(1) else { continue }
        let parentColumn: String
        if let named = key.text(2) {
          parentColumn = named
        } else {
          parentColumn =
            try connection.queryOne(
              "SELECT name FROM pragma_table_info(?) WHERE pk = 1", [.text(table)])?.text(0)
            ?? "rowid"
        }
        found.append((child, column, parentColumn))
      }
    }
    return found
  }

  /// Deletes the contact data held for `candidateID`; returns whether there was any.
  @discardableResult
  public static func deleteContactData(candidateID: Int64, in connection: Connection) throws -> Bool
  {
    try connection.run("DELETE FROM contact_data WHERE candidate_id = ?", [.integer(candidateID)])
    return connection.changes > 0
  }

  /// The retention facts of every candidate, by id.
  public static func retentionRecords(in connection: Connection) throws -> [RetentionRecord] {
    try connection.query(
      """
      SELECT c.id, c.created_at, c.sourced_at, c.contacted_at, c.art14_notice_sent_at,
        EXISTS (SELECT 1 FROM contact_data d WHERE d.candidate_id = c.id)
      FROM candidates c ORDER BY c.id
      """
    ).map(record)
  }

  /// The retention facts of one candidate, nil when not held.
  public static func retentionRecord(candidateID: Int64, in connection: Connection) throws
    -> RetentionRecord?
  {
    try connection.queryOne(
      """
      SELECT c.id, c.created_at, c.sourced_at, c.contacted_at, c.art14_notice_sent_at,
        EXISTS (SELECT 1 FROM contact_data d WHERE d.candidate_id = c.id)
      FROM candidates c WHERE c.id = ?
      """, [.integer(candidateID)]
    ).map(record)
  }

  /// Every user table except the exempt ones that has a `candidate_id` column, children first (tables
  /// referencing another candidate table are deleted from before it).
  static func tablesWithCandidateColumn(in connection: Connection) throws -> [String] {
    let tables = try connection.tableNames().filter { !exemptTables.contains($0) }
    var result: [String] = []
    for table in tables where try connection.columnNames(table: table).contains("candidate_id") {
      result.append(table)
    }
    return result
  }

  private static func record(_ row: Row) throws -> RetentionRecord {
    guard let id = row.int(0), let created = row.date(1) else {
      throw StorageError.inconsistency("candidate row with a missing column")
    }
    return RetentionRecord(
      candidateID: id, createdAt: created, sourcedAt: row.date(2), contactedAt: row.date(3),
      art14NoticeSentAt: row.date(4), hasContactData: row.bool(5) ?? false)
  }

  private static func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
