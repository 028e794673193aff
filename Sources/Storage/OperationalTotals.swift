/// Running totals of the product's work, read from the tables that record it, for `/metrics`: refresh plan
/// items, provider charges, scores written, notification deliveries and purges. Each is a count or sum over
/// rows that are only ever added (the audit log survives purges), so scraping it yields counters.
public struct OperationalTotals: Sendable {
  /// Recorded refresh items by reason code.
  public var planItemsByReason: [String: Int]
  /// Provider calls that cost credits, by operation (`enrich`, `contact`, ...).
  public var chargedCallsByOperation: [String: Int]
  /// Credits spent in all.
  public var creditsSpent: Double
  /// Advisory scores written (history included).
  public var scoresWritten: Int
  /// Notification deliveries by channel kind and state.
  public var deliveriesByChannelAndState: [String: [String: Int]]
  /// Notifications given up on.
  public var deadLettered: Int
  /// Purges and erasures by audit action (`candidate.purged`, `candidate.erased`, `contact_data.deleted`).
  public var purgesByKind: [String: Int]

  /// Reads the totals.
  public static func read(in connection: Connection) throws -> OperationalTotals {
    func grouped(_ sql: String) throws -> [String: Int] {
      var result: [String: Int] = [:]
      for row in try connection.query(sql) {
        result[row.text(0) ?? "", default: 0] += Int(row.int(1) ?? 0)
      }
      return result
    }
    var deliveries: [String: [String: Int]] = [:]
    for row in try connection.query(
      """
      SELECT c.kind, d.state, count(*) FROM notification_deliveries d
      JOIN notification_channels c ON c.id = d.channel_id GROUP BY c.kind, d.state
      """)
    {
      deliveries[row.text(0) ?? "", default: [:]][row.text(1) ?? ""] = Int(row.int(2) ?? 0)
    }
    return OperationalTotals(
      planItemsByReason: try grouped(
        "SELECT reason_code, count(*) FROM plan_items GROUP BY reason_code"),
      chargedCallsByOperation: try grouped(
        "SELECT operation, count(*) FROM credit_ledger GROUP BY operation"),
      creditsSpent: try connection.queryOne("SELECT coalesce(sum(credits), 0) FROM credit_ledger")?
        .double(0) ?? 0,
      scoresWritten: try ScoreStore.scoresWritten(in: connection),
      deliveriesByChannelAndState: deliveries,
      deadLettered: Int(
        try connection.queryOne("SELECT count(*) FROM notifications WHERE status = 'dead'")?.int(0)
          ?? 0),
      purgesByKind: try grouped(
        """
        SELECT action, count(*) FROM audit_log
        WHERE action IN ('candidate.purged', 'candidate.erased', 'contact_data.deleted')
        GROUP BY action
        """))
  }
}
