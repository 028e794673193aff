import Domain
import Foundation

/// Migration 32's data step: every `match_scores` row (one per written score, JSON contributions with
/// sentences) becomes a `match_log` row of one entry that keeps the stored JSON as `legacy`; current rows
/// become the candidates' `match_current` blobs and column bytes; then `match_scores` is dropped.
enum ScoreMigration {
  /// Converts and drops the old table (absent: nothing to do).
  static func convertLegacyScores(in connection: Connection) throws(StorageError) {
    let exists = try connection.queryOne(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'match_scores'")
    guard exists != nil else { return }
    var candidate: Int64?
    var current = CurrentScores()
    var written = 0
    func flush() throws(StorageError) {
      guard let id = candidate else { return }
      try connection.run(
        "INSERT INTO match_current (candidate_id, snapshot_id, scores) VALUES (?, NULL, ?)",
        [.integer(id), .blob(current.encoded())])
      candidate = nil
      current = CurrentScores()
    }
    // Rows are stepped one at a time and column cells written every `cellBatch`, so the conversion's
    // memory does not grow with the old table (which held one JSON row per score ever written).
    var cells: [(vacancy: Int64, candidate: Int64, score: UInt8)] = []
    let cellBatch = 65_536
    do {
      try connection.forEach(
        """
        SELECT candidate_id, vacancy_id, score, contributions, model_version, trigger, scored_at,
          is_current FROM match_scores ORDER BY candidate_id, id
        """
      ) { row in
        guard let candidateID = row.int(0), let vacancyID = row.int(1), let score = row.int(2),
          let contributions = row.text(3), let model = row.text(4), let trigger = row.text(5),
          let scoredAt = row.date(6)
        else { throw StorageError.inconsistency("match_scores: unreadable row") }
        if candidate != candidateID {
          try flush()
          candidate = candidateID
        }
        let write = ScoreWrite(
          vacancyID: vacancyID, points: points(contributions), criteriaVersion: 0)
        try connection.run(
          """
          INSERT INTO match_log (candidate_id, trigger, model_version, scored_at, snapshot_id,
            entry_count, entries, legacy) VALUES (?, ?, ?, ?, NULL, 1, ?, ?)
          """,
          [
            .integer(candidateID), .text(trigger), .text(model), .date(scoredAt),
            .blob(ScoreLogEntries.encode([write])),
            .text(LegacyScore(score: Int(score), contributions: contributions).json),
          ])
        written += 1
        if row.bool(7) == true {
          var merged = current.applying(
            [write], logID: connection.lastInsertRowID, modelVersion: model)
          // The stored total wins over the points' sum (old breakdowns may be of another shape).
          merged = merged.settingScore(Int(score), vacancyID: vacancyID)
          current = merged
          cells.append((vacancyID, candidateID, UInt8(clamping: score)))
          if cells.count >= cellBatch {
            try ScoreStore.setCells(cells, in: connection)
            cells.removeAll(keepingCapacity: true)
          }
        }
      }
    } catch let error as StorageError {
      throw error
    } catch {
      throw .inconsistency("match_scores conversion: \(error)")
    }
    try flush()
    try ScoreStore.setCells(cells, in: connection)
    try connection.run(
      "UPDATE match_counters SET value = ? WHERE name = 'scores_written'", [SQLValue(written)])
    try connection.execute("DROP TABLE match_scores")
  }

  /// The points of a stored contributions JSON, as far as it names this model's features.
  static func points(_ json: String) -> MatchPoints {
    guard let list = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]]
    else { return MatchPoints(packed: 0) }
    var values = [Int](repeating: 0, count: MatchPoints.count)
    for item in list {
      guard let name = item["feature"] as? String, let feature = MatchFeature(rawValue: name),
        let index = MatchFeature.allCases.firstIndex(of: feature),
        let points = (item["points"] as? NSNumber)?.intValue
      else { continue }
      values[index] = min(max(points, 0), feature.maxPoints)
    }
    return MatchPoints(values) ?? MatchPoints(packed: 0)
  }
}
