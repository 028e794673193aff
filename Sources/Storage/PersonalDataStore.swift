import Domain
import Foundation

/// Reads everything held about one person, for the explanation (typed) and the export (every column of
/// every row). All of its SQL lives here.
public enum PersonalDataStore {
  /// The decision record of `candidateID`, nil when not held. Run it in a read transaction for one snapshot.
  public static func dossier(candidateID: Int64, in connection: Connection) throws
    -> CandidateDossier?
  {
    guard
      let row = try connection.queryOne(
        """
        SELECT provider, source, ai_sourced, created_at, sourced_at, confirmed_by_user_id, confirmed_at,
          enriched_at, last_verified_at, contacted_at, art14_notice_sent_at,
          EXISTS (SELECT 1 FROM contact_data WHERE candidate_id = candidates.id)
        FROM candidates WHERE id = ?
        """, [.integer(candidateID)]),
      let provider = row.text(0), let createdAt = row.date(3)
    else { return nil }
    let origin = CandidateDossier.Origin(
      provider: provider, source: row.text(1) ?? "unknown", aiSourced: row.bool(2) ?? false,
      createdAt: createdAt, sourcedAt: row.date(4), confirmedByUserID: row.text(5),
      confirmedAt: row.date(6), enrichedAt: row.date(7), lastVerifiedAt: row.date(8),
      contactedAt: row.date(9), art14NoticeSentAt: row.date(10),
      hasContactData: row.bool(11) ?? false)

    let pipelines = try connection.query(
      """
      SELECT p.vacancy_id, v.title, p.confirmed_by_user_id, p.confirmed_at, p.stage,
        p.stage_changed_by_user_id, p.stage_changed_at
      FROM pipeline_entries p JOIN vacancies v ON v.id = p.vacancy_id
      WHERE p.candidate_id = ? ORDER BY p.confirmed_at, p.id
      """, [.integer(candidateID)]
    ).compactMap { row -> CandidateDossier.PipelineConfirmation? in
      guard let vacancy = row.int(0), let confirmedBy = row.text(2), let confirmedAt = row.date(3),
        let stage = row.text(4), let changedBy = row.text(5), let changedAt = row.date(6)
      else { return nil }
      return .init(
        vacancyID: vacancy, vacancyTitle: row.text(1) ?? "", confirmedByUserID: confirmedBy,
        confirmedAt: confirmedAt, stage: stage, stageChangedByUserID: changedBy,
        stageChangedAt: changedAt)
    }

    let history = try ScoreStore.history(candidateID: candidateID, in: connection)
    var titles: [Int64: String] = [:]
    for id in Set(history.map(\.vacancyID)) {
      titles[id] = try connection.queryOne(
        "SELECT title FROM vacancies WHERE id = ?", [.integer(id)])?.text(0)
    }
    let scores = history.sorted {
      ($0.scoredAt, $0.logID, $0.vacancyID) < ($1.scoredAt, $1.logID, $1.vacancyID)
    }
    .map { score in
      CandidateDossier.Score(
        vacancyID: score.vacancyID, vacancyTitle: titles[score.vacancyID], score: score.score,
        contributions: score.legacyContributions ?? Self.pointsJSON(score.points),
        modelVersion: score.modelVersion, trigger: score.trigger, scoredAt: score.scoredAt,
        isCurrent: score.isCurrent)
    }

    let signals = try connection.query(
      """
      SELECT id, kind, detected_at, received_at FROM signals WHERE candidate_id = ?
      ORDER BY detected_at, id
      """, [.integer(candidateID)]
    ).compactMap { row -> CandidateDossier.SignalSummary? in
      guard let id = row.int(0), let kind = row.text(1), let detected = row.date(2),
        let received = row.date(3)
      else { return nil }
      return .init(id: id, kind: kind, detectedAt: detected, receivedAt: received)
    }
    let signalsByID = Dictionary(
      signals.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    let refreshes = try connection.query(
      """
      SELECT id, state, reason_code, reason, signal_ids, planned_at, finished_at FROM plan_items
      WHERE candidate_id = ? ORDER BY planned_at, id
      """, [.integer(candidateID)]
    ).compactMap { row -> CandidateDossier.Refresh? in
      guard let id = row.int(0), let state = row.text(1), let plannedAt = row.date(5) else {
        return nil
      }
      let ids = parseIDs(row.text(4) ?? "")
      return .init(
        id: id, state: state, reasonCode: row.text(2) ?? "", reason: row.text(3) ?? "",
        plannedAt: plannedAt, finishedAt: row.date(6), signals: ids.compactMap { signalsByID[$0] })
    }

    var notifications: [CandidateDossier.NotificationSummary] = []
    let notificationColumns = Set(try connection.columnNames(table: "notifications"))
    if notificationColumns.contains("candidate_id"), notificationColumns.contains("kind") {
      let created = notificationColumns.contains("created_at") ? "created_at" : "NULL"
      let status = notificationColumns.contains("status") ? "status" : "NULL"
      notifications = try connection.query(
        "SELECT kind, \(created), \(status) FROM notifications WHERE candidate_id = ? ORDER BY 2",
        [.integer(candidateID)]
      ).map { row in
        .init(kind: row.text(0) ?? "", createdAt: row.date(1), status: row.text(2))
      }
    }
    return CandidateDossier(
      candidateID: candidateID, origin: origin, pipelines: pipelines, scores: scores,
      refreshes: refreshes, signals: signals, notifications: notifications)
  }

  /// Every row held about `candidateID`, by table: the candidate row, every row of every table with a
  /// `candidate_id` column, and the stored webhook bodies of deliveries that named the person (as text).
  /// Nil when not held. Row values keep their SQL types.
  public static func export(candidateID: Int64, in connection: Connection) throws -> [String:
    [Row]]?
  {
    let candidate = try connection.query(
      "SELECT * FROM candidates WHERE id = ?", [.integer(candidateID)])
    if candidate.isEmpty { return nil }
    var tables: [String: [Row]] = ["candidates": candidate]
    for table in try PurgeStore.tablesWithCandidateColumn(in: connection)
    where !packedScoreTables.contains(table) {
      let rows = try connection.query(
        "SELECT * FROM \"\(table)\" WHERE candidate_id = ?", [.integer(candidateID)])
      if !rows.isEmpty { tables[table] = rows }
    }
    // Scores and feature snapshots are stored packed; they are exported readable, one row per score.
    let scores = try ScoreStore.history(candidateID: candidateID, in: connection).map { score in
      Row(
        columnNames: [
          "candidate_id", "vacancy_id", "score", "contributions", "model_version", "trigger",
          "scored_at", "is_current", "criteria_version",
        ],
        values: [
          .integer(score.candidateID), .integer(score.vacancyID), SQLValue(score.score),
          .text(score.legacyContributions ?? pointsJSON(score.points)), .text(score.modelVersion),
          .text(score.trigger), .date(score.scoredAt), SQLValue(score.isCurrent),
          .integer(score.criteriaVersion),
        ])
    }
    if !scores.isEmpty { tables["match_scores"] = scores }
    let snapshots = try connection.query(
      "SELECT id, basis, taken_at, features FROM match_snapshots WHERE candidate_id = ? ORDER BY id",
      [.integer(candidateID)]
    ).map { row in
      Row(
        columnNames: ["id", "basis", "taken_at", "features"],
        values: [
          row[0], row[1], row[2],
          .text(row.blob(3).flatMap(FeatureBuilder.describe(candidateSnapshot:)) ?? "unreadable"),
        ])
    }
    if !snapshots.isEmpty { tables["match_snapshots"] = snapshots }
    // A delivery's body is theirs to see only when it names nobody else (GDPR Art. 15(4)): a watch run
    // about many people is listed without its body; the signals taken from it about them are above.
    let bodies = try connection.query(
      """
      SELECT i.id, i.source, i.delivery_id, i.received_at,
        CASE WHEN i.ignored_count = 0 AND NOT EXISTS (
          SELECT 1 FROM signals o WHERE o.inbox_id = i.id AND o.candidate_id IS NOT ?
        ) THEN i.body END AS body,
        CASE WHEN i.ignored_count = 0 AND NOT EXISTS (
          SELECT 1 FROM signals o WHERE o.inbox_id = i.id AND o.candidate_id IS NOT ?
        ) THEN NULL ELSE 'withheld: the delivery also names other people' END AS body_note
      FROM inbox i
      WHERE i.body IS NOT NULL AND i.id IN (SELECT inbox_id FROM signals WHERE candidate_id = ?)
      ORDER BY i.id
      """, [.integer(candidateID), .integer(candidateID), .integer(candidateID)])
    if !bodies.isEmpty { tables["inbox"] = bodies }
    return tables
  }

  /// Integer ids from a JSON array or a comma-separated list.
  private static func parseIDs(_ text: String) -> [Int64] {
    text.split(whereSeparator: { !$0.isNumber && $0 != "-" }).compactMap { Int64($0) }
  }

  /// Tables holding packed score data, exported readable instead of as raw rows.
  static let packedScoreTables: Set<String> = ["match_current", "match_log", "match_snapshots"]

  /// Points as a contributions JSON array without sentences (`feature`, `max_points`, `points`).
  static func pointsJSON(_ points: MatchPoints) -> String {
    "["
      + MatchFeature.allCases.map {
        #"{"feature":"\#($0.rawValue)","max_points":\#($0.maxPoints),"points":\#(points[$0])}"#
      }.joined(separator: ",") + "]"
  }
}
