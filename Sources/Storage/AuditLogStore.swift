public import Domain
public import Foundation
import Signing

/// The append-only, hash-chained audit log. All of its SQL lives here.
///
/// Call `append` inside your own transaction, next to the change it records, so the entry exists exactly
/// when the change does. Appends are serialized by the one writer connection.
public enum AuditLogStore {
  /// The chain rules with SHA-256.
  public static let chain = AuditChain(digest: { SHA256Digest.hex(SHA256Digest.hash($0)) })

  /// Appends `event` after the current head; returns the stored entry.
  @discardableResult
  public static func append(_ event: AuditEvent, in connection: Connection) throws -> AuditEntry {
    let head = try connection.queryOne("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    let previousSeq = head?.int(0) ?? 0
    let prevHash = head?.text(1) ?? AuditChain.genesisHash
    var entry = AuditEntry(
      seq: previousSeq + 1, atMilliseconds: milliseconds(event.at), actor: event.actor,
      action: event.action, subjectKey: event.subjectKey,
      details: AuditChain.canonicalDetails(event.details), prevHash: prevHash, hash: "")
    entry.hash = chain.hash(prevHash: prevHash, canonicalContent: entry.canonicalContent)
    try connection.run(
      """
      INSERT INTO audit_log (seq, at, actor, action, subject_key, details, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .integer(entry.seq), .integer(entry.atMilliseconds), .text(entry.actor),
        .text(entry.action.rawValue), SQLValue(entry.subjectKey), .text(entry.details),
        .text(entry.prevHash), .text(entry.hash),
      ])
    return entry
  }

  /// The subject key of a candidate we hold (nil when there is no such candidate): a keyed hash of its id
  /// and creation time. Read it before a purge; it stays valid in the log afterwards.
  public static func subjectKey(
    candidateID: Int64, pseudonymizer: Pseudonymizer, in connection: Connection
  ) throws -> String? {
    guard
      let created = try connection.queryOne(
        "SELECT created_at FROM candidates WHERE id = ?", [.integer(candidateID)])?.int(0)
    else { return nil }
    return pseudonymizer.subjectKey(candidateID: candidateID, createdAtMilliseconds: created)
  }

  /// Entries in `seq` order after `afterSeq`, at most `limit`.
  public static func entries(afterSeq: Int64 = 0, limit: Int = 1000, in connection: Connection)
    throws -> [AuditEntry]
  {
    try connection.query(
      "SELECT \(columns) FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
      [.integer(afterSeq), .integer(Int64(max(0, limit)))]
    ).map(entry)
  }

  /// Every entry about one subject, oldest first.
  public static func entries(subjectKey: String, in connection: Connection) throws -> [AuditEntry] {
    try connection.query(
      "SELECT \(columns) FROM audit_log WHERE subject_key = ? ORDER BY seq", [.text(subjectKey)]
    ).map(entry)
  }

  /// Walks the whole chain in `seq` order (streaming) and names the first entry that does not fit.
  public static func verify(in connection: Connection) throws -> AuditVerification {
    var verifier = chain.verifier()
    try connection.forEach("SELECT \(columns) FROM audit_log ORDER BY seq") { row in
      if let parsed = try? entry(row) {
        verifier.feed(parsed)
      } else {
        verifier.reject(
          seq: row.int(0) ?? -1, reason: "a column is missing or of the wrong type (edited)")
      }
    }
    return verifier.result
  }

  /// The newest entry's sequence number and hash, nil for an empty log.
  public static func head(in connection: Connection) throws -> AuditHead? {
    guard
      let row = try connection.queryOne(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"),
      let seq = row.int(0), let hash = row.text(1)
    else { return nil }
    return AuditHead(seq: seq, hash: hash)
  }

  /// The hash of entry `seq`, nil when there is no such entry.
  public static func hash(seq: Int64, in connection: Connection) throws -> String? {
    try connection.queryOne("SELECT hash FROM audit_log WHERE seq = ?", [.integer(seq)])?.text(0)
  }

  /// The highest sequence number an anchor entry says was pruned (0 when nothing was).
  public static func prunedThrough(in connection: Connection) throws -> Int64 {
    try connection.queryOne(
      """
      SELECT coalesce(max(CAST(json_extract(details, '$.pruned_through_seq') AS INTEGER)), 0)
      FROM audit_log WHERE action = ?
      """, [.text(AuditAction.anchor.rawValue)])?.int(0) ?? 0
  }

  /// Deletes entries older than `cutoff` and appends an anchor entry recording the pruned head (its seq and
  /// hash), so the remaining chain still verifies. Returns how many entries were pruned. Run it in a
  /// transaction.
  @discardableResult
  public static func prune(
    olderThan cutoff: Date, now: Date, actor: String, in connection: Connection
  )
    throws -> Int
  {
    guard
      let head = try connection.queryOne(
        "SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1",
        [.integer(milliseconds(cutoff))]),
      let headSeq = head.int(0), let headHash = head.text(1)
    else { return 0 }
    try connection.run("DELETE FROM audit_log WHERE seq <= ?", [.integer(headSeq)])
    let pruned = connection.changes
    try append(
      AuditEvent(
        at: now, actor: actor, action: .anchor,
        details: [
          "pruned_through_seq": String(headSeq), "pruned_head_hash": headHash,
          "pruned_count": String(pruned),
        ]), in: connection)
    return pruned
  }

  /// The newest entry with `action`, if any.
  public static func latest(action: AuditAction, in connection: Connection) throws -> AuditEntry? {
    try connection.queryOne(
      "SELECT \(columns) FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1",
      [.text(action.rawValue)]
    ).map(entry)
  }

  /// How many entries the log holds.
  public static func count(in connection: Connection) throws -> Int {
    Int(try connection.queryOne("SELECT count(*) FROM audit_log")?.int(0) ?? 0)
  }

  // MARK: - Row mapping

  private static let columns = "seq, at, actor, action, subject_key, details, prev_hash, hash"

  private static func entry(_ row: Row) throws -> AuditEntry {
    guard let seq = row.int(0), let at = row.int(1), let actor = row.text(2),
      let action = row.text(3), let details = row.text(5), let prevHash = row.text(6),
      let hash = row.text(7)
    else { throw StorageError.inconsistency("audit entry with a missing column") }
    return AuditEntry(
      seq: seq, atMilliseconds: at, actor: actor, action: AuditAction(action),
      subjectKey: row.text(4), details: details, prevHash: prevHash, hash: hash)
  }

  private static func milliseconds(_ date: Date) -> Int64 {
    SQLValue.millisecondsSince1970(date)
  }
}
