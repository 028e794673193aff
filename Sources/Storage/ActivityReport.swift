import Foundation

/// What happened in the database, in the shape a person reads it: the facts behind the demo summary (and a
/// team's weekly report). Read-only.
public struct ActivityReport: Sendable {
  /// A change a refresh found.
  public struct Change: Sendable {
    public var candidateID: Int64
    public var kind: String
    public var before: String?
    public var after: String?
  }

  /// A refresh decision and its state.
  public struct PlanItem: Sendable {
    public var candidateID: Int64
    public var state: String
    public var reason: String
  }

  /// One line of the credit ledger.
  public struct Credit: Sendable {
    public var purpose: String
    public var credits: Double
  }

  /// A score that is new or moved.
  public struct ScoreMove: Sendable {
    public var candidateID: Int64
    public var vacancyTitle: String
    public var before: Int?
    public var after: Int
    public var breakdown: String
  }

  /// Candidate id → name.
  public var names: [Int64: String]
  /// Deliveries per status.
  public var inboxByStatus: [InboxStatus: Int]
  /// Quarantined deliveries.
  public var quarantined: [InboxEntry]
  /// Change events, oldest first.
  public var changes: [Change]
  /// Plan items, newest first.
  public var planItems: [PlanItem]
  /// The credit ledger.
  public var credits: [Credit]
  /// Every current score with its previous value (nil when new), highest first.
  public var scoreMoves: [ScoreMove]
  /// Retention facts per candidate.
  public var retention: [RetentionRecord]

  /// Reads the report.
  public static func collect(in connection: Connection) throws -> ActivityReport {
    var names: [Int64: String] = [:]
    for row in try connection.query("SELECT id, coalesce(name, profile_url, '') FROM candidates") {
      if let id = row.int(0) { names[id] = row.text(1) ?? "" }
    }
    let changes = try connection.query(
      "SELECT candidate_id, kind, before, after FROM change_events ORDER BY id"
    ).map {
      Change(
        candidateID: $0.int(0) ?? 0, kind: $0.text(1) ?? "", before: $0.text(2), after: $0.text(3))
    }
    let planItems = try connection.query(
      "SELECT candidate_id, state, reason FROM plan_items ORDER BY id DESC LIMIT 50"
    ).map {
      PlanItem(candidateID: $0.int(0) ?? 0, state: $0.text(1) ?? "", reason: $0.text(2) ?? "")
    }
    let credits = try connection.query("SELECT purpose, credits FROM credit_ledger ORDER BY id").map
    {
      Credit(purpose: $0.text(0) ?? "", credits: $0.double(1) ?? 0)
    }
    var scoreMoves: [ScoreMove] = []
    var titles: [Int64: String] = [:]
    for (candidate, _) in try ScoreStore.allCurrent(in: connection) {
      let history = try ScoreStore.history(candidateID: candidate, in: connection)
      for (index, score) in history.enumerated() where score.isCurrent {
        let earlier = history[..<index].last { $0.vacancyID == score.vacancyID }
        if titles[score.vacancyID] == nil {
          titles[score.vacancyID] =
            try connection.queryOne(
              "SELECT title FROM vacancies WHERE id = ?", [.integer(score.vacancyID)])?.text(0)
            ?? ""
        }
        scoreMoves.append(
          ScoreMove(
            candidateID: candidate, vacancyTitle: titles[score.vacancyID] ?? "",
            before: earlier?.score, after: score.score,
            breakdown: score.legacyContributions.map(breakdown) ?? score.points.description))
      }
    }
    scoreMoves.sort { ($0.after, $1.candidateID) > ($1.after, $0.candidateID) }
    return ActivityReport(
      names: names, inboxByStatus: try InboxStore.countByStatus(in: connection),
      quarantined: try InboxStore.list(InboxFilter(status: .quarantined), in: connection),
      changes: changes, planItems: planItems, credits: credits, scoreMoves: scoreMoves,
      retention: try PurgeStore.retentionRecords(in: connection))
  }

  /// "required_skills 30, title 15, ..." from a contributions JSON array.
  private static func breakdown(_ json: String) -> String {
    guard
      let items = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]]
    else { return "" }
    return items.compactMap { item in
      guard let feature = item["feature"] as? String, let points = item["points"] as? Int else {
        return nil
      }
      return "\(feature) \(points)"
    }.joined(separator: ", ")
  }
}
