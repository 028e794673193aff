import Domain
public import Foundation

/// The inbox of stored deliveries and the signals made from them. All of its SQL lives here.
///
/// The functions take a `Connection` so that the group-commit writer can run many appends in one
/// transaction on the writer thread; callers choose the thread through `Database`.
public enum InboxStore {
  /// Appends deliveries in the caller's transaction; a (source, delivery id) already stored is a duplicate.
  public static func append(_ deliveries: [InboxDelivery], in connection: Connection) throws
    -> [InboxAppendOutcome]
  {
    var outcomes: [InboxAppendOutcome] = []
    outcomes.reserveCapacity(deliveries.count)
    for delivery in deliveries {
      // No RETURNING: the row id of an insert is read back from the connection, which costs far less
      // per row than materialising a result (this runs once per delivery on the group-commit writer).
      try connection.run(
        """
        INSERT INTO inbox (source, delivery_id, scheme, format, received_at, signed_at, headers, body, body_size)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (source, delivery_id) DO NOTHING
        """,
        [
          .text(delivery.source), .text(delivery.deliveryID), .text(delivery.scheme),
          .text(delivery.format), .date(delivery.receivedAt),
          delivery.signedAt.map { SQLValue.date($0) } ?? .null,
          .text(delivery.headersJSON), .blob(delivery.body),
          .integer(Int64(delivery.body.count)),
        ])
      if connection.changes == 1 {
        outcomes.append(.accepted(id: connection.lastInsertRowID))
      } else {
        let existing = try connection.queryOne(
          "SELECT id FROM inbox WHERE source = ? AND delivery_id = ?",
          [.text(delivery.source), .text(delivery.deliveryID)])
        guard let id = existing?.int(0) else {
          throw StorageError.inconsistency("inbox row vanished during a duplicate append")
        }
        outcomes.append(.duplicate(id: id))
      }
    }
    return outcomes
  }

  /// Lists deliveries matching `filter`, oldest first, without bodies.
  public static func list(_ filter: InboxFilter, in connection: Connection) throws -> [InboxEntry] {
    var clauses: [String] = []
    var arguments: [SQLValue] = []
    if let status = filter.status {
      clauses.append("status = ?")
      arguments.append(.text(status.rawValue))
    }
    if let source = filter.source {
      clauses.append("source = ?")
      arguments.append(.text(source))
    }
    if let since = filter.since {
      clauses.append("received_at >= ?")
      arguments.append(.date(since))
    }
    if let afterID = filter.afterID {
      clauses.append("id > ?")
      arguments.append(.integer(afterID))
    }
    if let ids = filter.ids {
      if ids.isEmpty { return [] }
      clauses.append("id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))")
      arguments.append(contentsOf: ids.map { .integer($0) })
    }
    let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    arguments.append(.integer(Int64(max(0, filter.limit))))
    return try connection.query(
      "SELECT \(columns), NULL FROM inbox \(whereClause) ORDER BY id LIMIT ?", arguments
    ).map(entry)
  }

  /// One delivery with its body (nil when the body was deleted), or nil when there is no such id.
  public static func find(id: Int64, in connection: Connection) throws -> InboxEntry? {
    try connection.queryOne("SELECT \(columns), body FROM inbox WHERE id = ?", [.integer(id)]).map(
      entry)
  }

  /// The oldest pending deliveries with their bodies, at most `limit`, after `afterID`.
  public static func pending(limit: Int, afterID: Int64 = 0, in connection: Connection) throws
    -> [InboxEntry]
  {
    try connection.query(
      "SELECT \(columns), body FROM inbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?",
      [.integer(afterID), .integer(Int64(limit))]
    ).map(entry)
  }

  /// Counts deliveries per status.
  public static func countByStatus(in connection: Connection) throws -> [InboxStatus: Int] {
    var counts: [InboxStatus: Int] = [:]
    for row in try connection.query("SELECT status, count(*) FROM inbox GROUP BY status") {
      if let status = row.text(0).flatMap(InboxStatus.init(rawValue:)) {
        counts[status] = Int(row.int(1) ?? 0)
      }
    }
    return counts
  }

  /// The receipt time of the oldest pending delivery.
  public static func oldestPendingReceivedAt(in connection: Connection) throws -> Date? {
    try connection.queryOne(
      "SELECT received_at FROM inbox WHERE status = 'pending' ORDER BY id LIMIT 1"
    )?.date(0)
  }

  /// Writes processing results (status, signals, body handling); signals already written for the same
  /// (inbox id, ordinal) are left as they are, so re-processing never makes a second signal.
  public static func record(_ results: [InboxProcessingResult], in connection: Connection) throws {
    for result in results {
      var written = 0
      for resolved in result.signals {
        try connection.run(
          """
          INSERT INTO signals (inbox_id, ordinal, candidate_id, kind, detected_at, received_at, signal)
          SELECT ?, ?, ?, ?, ?, received_at, ? FROM inbox WHERE id = ?
          ON CONFLICT (inbox_id, ordinal) DO NOTHING
          """,
          [
            .integer(result.inboxID), .integer(Int64(resolved.ordinal)),
            .integer(resolved.candidateID),
            .text(resolved.signal.kind.rawValue),
            .date(resolved.signal.detectedAt ?? result.processedAt),
            .text(try encodeSignal(resolved.signal)), .integer(result.inboxID),
          ])
        written += connection.changes
      }
      let existingSignals =
        try connection.queryOne(
          "SELECT count(*) FROM signals WHERE inbox_id = ?", [.integer(result.inboxID)]
        )?.int(0) ?? Int64(written)
      try connection.run(
        """
        UPDATE inbox SET status = ?, error = ?, attempts = attempts + 1, processed_at = ?,
          signal_count = ?, ignored_count = ?, body_purge_after = ?,
          body = CASE WHEN ? THEN NULL ELSE body END
        WHERE id = ?
        """,
        [
          .text(result.status.rawValue), result.error.map { SQLValue.text($0) } ?? .null,
          .date(result.processedAt), .integer(existingSignals),
          .integer(Int64(result.ignoredCount)),
          result.bodyPurgeAfter.map { SQLValue.date($0) } ?? .null,
          .integer(result.deleteBody ? 1 : 0), .integer(result.inboxID),
        ])
    }
  }

  /// Deletes bodies whose purge time has passed (ignored deliveries); returns how many.
  @discardableResult
  public static func purgeExpiredBodies(now: Date, in connection: Connection) throws -> Int {
    try connection.run(
      """
      UPDATE inbox SET body = NULL, body_purge_after = NULL
      WHERE body_purge_after IS NOT NULL AND body_purge_after <= ?
      """, [.date(now)])
    return connection.changes
  }

  /// Resets deliveries to `pending` so the processor takes them again (operator replay from the inbox).
  @discardableResult
  public static func markPending(ids: [Int64], in connection: Connection) throws -> Int {
    var changed = 0
    for id in ids {
      try connection.run(
        "UPDATE inbox SET status = 'pending' WHERE id = ? AND body IS NOT NULL", [.integer(id)])
      changed += connection.changes
    }
    return changed
  }

  /// The signals written from one delivery, in ordinal order.
  public static func signals(inboxID: Int64, in connection: Connection) throws -> [StoredSignal] {
    try connection.query(
      """
      SELECT id, inbox_id, ordinal, candidate_id, received_at, signal FROM signals
      WHERE inbox_id = ? ORDER BY ordinal
      """, [.integer(inboxID)]
    ).map(storedSignal)
  }

  /// The signals about one candidate, oldest detection first.
  public static func signals(candidateID: Int64, in connection: Connection) throws -> [StoredSignal]
  {
    try connection.query(
      """
      SELECT id, inbox_id, ordinal, candidate_id, received_at, signal FROM signals
      WHERE candidate_id = ? ORDER BY detected_at, id
      """, [.integer(candidateID)]
    ).map(storedSignal)
  }

  // MARK: - Row mapping

  private static let columns = """
    id, source, delivery_id, scheme, format, received_at, signed_at, headers, status, error, attempts,
    processed_at, signal_count, ignored_count, body_size
    """

  private static func entry(_ row: Row) throws -> InboxEntry {
    guard let id = row.int(0), let source = row.text(1), let deliveryID = row.text(2),
      let scheme = row.text(3), let format = row.text(4), let receivedAt = row.date(5),
      let status = row.text(8).flatMap(InboxStatus.init(rawValue:))
    else { throw StorageError.inconsistency("inbox row with a missing column") }
    let body: [UInt8]? =
      switch row[15] {
      case .blob(let bytes): bytes
      case .text(let text): Array(text.utf8)
      default: nil
      }
    return InboxEntry(
      id: id, source: source, deliveryID: deliveryID, scheme: scheme, format: format,
      receivedAt: receivedAt, signedAt: row.date(6), headers: decodeHeaders(row.text(7) ?? "{}"),
      status: status, error: row.text(9), attempts: Int(row.int(10) ?? 0),
      processedAt: row.date(11),
      signalCount: Int(row.int(12) ?? 0), ignoredCount: Int(row.int(13) ?? 0),
      bodySize: Int(row.int(14) ?? 0), body: body)
  }

  private static func storedSignal(_ row: Row) throws -> StoredSignal {
    guard let id = row.int(0), let inboxID = row.int(1), let ordinal = row.int(2),
      let candidateID = row.int(3), let receivedAt = row.date(4), let json = row.text(5)
    else { throw StorageError.inconsistency("signal row with a missing column") }
    return StoredSignal(
      id: id, inboxID: inboxID, ordinal: Int(ordinal), candidateID: candidateID,
      receivedAt: receivedAt, signal: try decodeSignal(json))
  }

  private static func decodeHeaders(_ json: String) -> [String: String] {
    (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
  }

  private static func encodeSignal(_ signal: Signal) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .millisecondsSince1970
    return String(decoding: try encoder.encode(signal), as: UTF8.self)
  }

  private static func decodeSignal(_ json: String) throws -> Signal {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .millisecondsSince1970
    return try decoder.decode(Signal.self, from: Data(json.utf8))
  }
}
