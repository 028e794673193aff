public import Domain
public import Foundation

/// The refresh plan: plan items and their state machine planned → in_flight → done | failed.
///
/// Every transition is one short statement the caller runs inside its own transaction; the unique partial
/// index `plan_items_one_open_per_candidate` keeps at most one open (planned or in_flight) item per
/// candidate, so planning twice never queues a candidate twice.
public enum PlanItemStore {
  private static let columns = """
    id, candidate_id, state, tier, priority, reason_code, reason, signal_ids, planned_at, started_at,
    finished_at, attempts, error
    """

  /// The service-order number of a due item: tier, then cause (lower is served first).
  public static func priorityNumber(_ priority: PlanPriority?) -> Int {
    guard let priority else { return 99 }
    let tier = RefreshTier.allCases.firstIndex(of: priority.tier) ?? 9
    let cause = PlanPriority.Cause.allCases.firstIndex(of: priority.cause) ?? 9
    return tier * 10 + cause
  }

  /// Inserts a planned row for each `refresh` item of `plan` whose candidate has no open item yet and no
  /// item that failed for good after `failedSince` (a failed refresh already raised its `refresh.failed`
  /// event; it is not retried every cycle). Returns how many were inserted.
  @discardableResult
  public static func insertPlanned(
    _ plan: Plan, failedSince: Date? = nil, in connection: Connection
  ) throws -> Int {
    var inserted = 0
    let cutoff = SQLValue.date(failedSince ?? plan.generatedAt.addingTimeInterval(-86_400))
    for item in plan.items where item.decision == .refresh {
      try connection.run(
        """
        INSERT OR IGNORE INTO plan_items
          (candidate_id, state, tier, priority, reason_code, reason, signal_ids, planned_at)
        SELECT ?1, 'planned', ?2, ?3, ?4, ?5, ?6, ?7
        WHERE NOT EXISTS (SELECT 1 FROM plan_items f WHERE f.candidate_id = ?1 AND f.state = 'failed'
          AND f.finished_at >= ?8)
        """,
        [
          .integer(item.candidateID), .text(item.tier.rawValue),
          .integer(Int64(priorityNumber(item.priority))), .text(item.reason.code),
          .text(item.reason.sentence), .text(encode(item.signalIDs)), .date(plan.generatedAt),
          cutoff,
        ])
      inserted += connection.changes
    }
    return inserted
  }

  /// Moves up to `limit` planned items, in service order, to in_flight with `startedAt`, counting the
  /// attempt; returns them.
  public static func claim(limit: Int, startedAt: Date, in connection: Connection) throws
    -> [StoredPlanItem]
  {
    let rows = try connection.query(
      "SELECT \(columns) FROM plan_items WHERE state = 'planned' ORDER BY priority, id LIMIT ?",
      [.integer(Int64(limit))])
    var claimed: [StoredPlanItem] = []
    for row in rows {
      guard var item = item(row) else { continue }
      try connection.run(
        """
        UPDATE plan_items SET state = 'in_flight', started_at = ?, attempts = attempts + 1
        WHERE id = ? AND state = 'planned'
        """, [.date(startedAt), .integer(item.id)])
      guard connection.changes == 1 else { continue }
      item.state = .inFlight
      item.startedAt = startedAt
      item.attempts += 1
      claimed.append(item)
    }
    return claimed
  }

  /// Marks an in_flight item done (an item another run already finished or put back stays as it is).
  public static func markDone(id: Int64, at now: Date, in connection: Connection) throws {
    try connection.run(
      """
      UPDATE plan_items SET state = 'done', finished_at = ?, error = NULL
      WHERE id = ? AND state = 'in_flight'
      """, [.date(now), .integer(id)])
  }

  /// Marks an in_flight item failed for good with an error kind (never a payload).
  public static func markFailed(id: Int64, error: String, at now: Date, in connection: Connection)
    throws
  {
    try connection.run(
      """
      UPDATE plan_items SET state = 'failed', finished_at = ?, error = ?
      WHERE id = ? AND state = 'in_flight'
      """, [.date(now), .text(error), .integer(id)])
  }

  /// Puts an in_flight item back to planned for another attempt, keeping the error kind.
  public static func release(id: Int64, error: String?, in connection: Connection) throws {
    try connection.run(
      "UPDATE plan_items SET state = 'planned', error = ? WHERE id = ? AND state = 'in_flight'",
      [error.map { .text($0) } ?? .null, .integer(id)])
  }

  /// Resolves items left in_flight by a run that stopped (crash, kill): an item whose candidate's
  /// `enriched_at` is at or after the item's `started_at` was refreshed (the record update and the
  /// item's `done` commit together, or another path refreshed it) and becomes done without a new call;
  /// every other one goes back to planned and is retried. Returns (done, replanned) counts. Only safe
  /// while no other run is working on items: callers hold the refresh lock.
  public static func recoverInFlight(at now: Date, in connection: Connection) throws -> (
    done: Int, replanned: Int
  ) {
    try connection.run(
      """
      UPDATE plan_items SET state = 'done', finished_at = ?, error = 'recovered: already refreshed'
      WHERE state = 'in_flight' AND EXISTS (
        SELECT 1 FROM candidates c WHERE c.id = plan_items.candidate_id
          AND c.enriched_at IS NOT NULL AND c.enriched_at >= plan_items.started_at)
      """, [.date(now)])
    let done = connection.changes
    try connection.run("UPDATE plan_items SET state = 'planned' WHERE state = 'in_flight'")
    return (done, connection.changes)
  }

  /// Items in `state`, in service order (at most `limit`).
  public static func items(
    in state: StoredPlanItem.State, limit: Int = 1000, in connection: Connection
  )
    throws -> [StoredPlanItem]
  {
    try connection.query(
      "SELECT \(columns) FROM plan_items WHERE state = ? ORDER BY priority, id LIMIT ?",
      [.text(state.rawValue), .integer(Int64(limit))]
    ).compactMap(item)
  }

  /// Counts per state.
  public static func counts(in connection: Connection) throws -> [StoredPlanItem.State: Int] {
    var counts: [StoredPlanItem.State: Int] = [:]
    for row in try connection.query("SELECT state, COUNT(*) FROM plan_items GROUP BY state") {
      if let state = row.text(0).flatMap(StoredPlanItem.State.init(rawValue:)) {
        counts[state] = Int(row.int(1) ?? 0)
      }
    }
    return counts
  }

  private static func item(_ row: Row) -> StoredPlanItem? {
    guard let id = row.int(0), let candidateID = row.int(1),
      let state = row.text(2).flatMap(StoredPlanItem.State.init(rawValue:)),
      let plannedAt = row.date(8)
    else { return nil }
    return StoredPlanItem(
      id: id, candidateID: candidateID, state: state, tier: row.text(3) ?? "",
      priority: Int(row.int(4) ?? 99),
      reasonCode: row.text(5) ?? "", reason: row.text(6) ?? "",
      signalIDs: decode(row.text(7) ?? ""),
      plannedAt: plannedAt, startedAt: row.date(9), finishedAt: row.date(10),
      attempts: Int(row.int(11) ?? 0), error: row.text(12))
  }

  /// Signal ids as a JSON array of integers.
  static func encode(_ ids: [Int64]) -> String {
    "[" + ids.map(String.init).joined(separator: ",") + "]"
  }

  /// The ids of a JSON array of integers; anything unreadable is skipped.
  static func decode(_ text: String) -> [Int64] {
    text.split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "," || $0 == " " })
      .compactMap { Int64($0) }
  }
}
