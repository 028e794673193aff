public import Domain
public import Foundation

/// Change events: what refreshes found, written with the record update, consumed by the re-matcher
/// (`matched_at`) and the notifier (`notified_at`).
public enum ChangeEventStore {
  /// Appends `events` for `candidateID` found by plan item `planItemID` at `now`; returns their ids.
  @discardableResult
  public static func append(
    _ events: [ChangeEvent], candidateID: Int64, planItemID: Int64?, at now: Date,
    in connection: Connection
  ) throws -> [Int64] {
    var ids: [Int64] = []
    for event in events {
      try connection.run(
        """
        INSERT INTO change_events (candidate_id, plan_item_id, kind, before, after, detected_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(candidateID), planItemID.map { .integer($0) } ?? .null,
          .text(event.kind.rawValue),
          event.before.map { .text($0) } ?? .null, event.after.map { .text($0) } ?? .null,
          .date(now), .date(now),
        ])
      ids.append(connection.lastInsertRowID)
    }
    return ids
  }

  /// A candidate's change events, oldest first.
  public static func events(candidateID: Int64, in connection: Connection) throws
    -> [StoredChangeEvent]
  {
    try connection.query(
      """
      SELECT id, candidate_id, plan_item_id, kind, before, after, detected_at, matched_at, notified_at
      FROM change_events WHERE candidate_id = ? ORDER BY id
      """, [.integer(candidateID)]
    ).compactMap(event)
  }

  /// Events the re-matcher has not consumed yet, oldest first (at most `limit`).
  public static func unmatched(limit: Int, in connection: Connection) throws -> [StoredChangeEvent]
  {
    try connection.query(
      """
      SELECT id, candidate_id, plan_item_id, kind, before, after, detected_at, matched_at, notified_at
      FROM change_events WHERE matched_at IS NULL ORDER BY id LIMIT ?
      """, [.integer(Int64(limit))]
    ).compactMap(event)
  }

  /// Marks events consumed by the re-matcher.
  public static func markMatched(ids: [Int64], at now: Date, in connection: Connection) throws {
    for id in ids {
      try connection.run(
        "UPDATE change_events SET matched_at = ? WHERE id = ? AND matched_at IS NULL",
        [.date(now), .integer(id)])
    }
  }

  /// Marks events consumed by the notifier.
  public static func markNotified(ids: [Int64], at now: Date, in connection: Connection) throws {
    for id in ids {
      try connection.run(
        "UPDATE change_events SET notified_at = ? WHERE id = ? AND notified_at IS NULL",
        [.date(now), .integer(id)])
    }
  }

  private static func event(_ row: Row) -> StoredChangeEvent? {
    guard let id = row.int(0), let candidateID = row.int(1),
      let kind = row.text(3).flatMap(ChangeEventKind.init(rawValue:)), let detectedAt = row.date(6)
    else { return nil }
    return StoredChangeEvent(
      id: id, candidateID: candidateID, planItemID: row.int(2),
      event: ChangeEvent(kind: kind, before: row.text(4), after: row.text(5)),
      detectedAt: detectedAt,
      matchedAt: row.date(7), notifiedAt: row.date(8))
  }
}
