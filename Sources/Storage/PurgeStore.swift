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

  /// Deletes candidate `candidateID` and everything personal about them, in the caller's transaction:
  /// stored webhook bodies of deliveries that named them (set NULL), then every row of every table with a
  /// `candidate_id` column (pending fields, contact data, signals, scores, change events, plan items,
  /// pipeline entries, notifications, and tables other areas add), then the candidate row with its raw
  /// payload. Freed pages are overwritten (`secure_delete`). Returns nil when there is no such candidate.
  public static func purgeCandidate(_ candidateID: Int64, in connection: Connection) throws
    -> PurgeReport?
  {
    guard
      try connection.queryOne("SELECT 1 FROM candidates WHERE id = ?", [.integer(candidateID)])
        != nil
    else { return nil }
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
      let cleared = connection.changes
      var deleted: [String: Int] = [:]
      for table in try tablesWithCandidateColumn(in: connection) {
        try connection.run(
          "DELETE FROM \(quoted(table)) WHERE candidate_id = ?", [.integer(candidateID)])
        deleted[table] = connection.changes
      }
      try connection.run("DELETE FROM candidates WHERE id = ?", [.integer(candidateID)])
      deleted["candidates"] = connection.changes
      return PurgeReport(candidateID: candidateID, deletedRows: deleted, clearedBodies: cleared)
    }
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
