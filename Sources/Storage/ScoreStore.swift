/// `match_scores`: advisory scores with history. Writing a score keeps the previous one as history
/// (`is_current = 0`); reading a match list returns everyone, ordered by score then candidate id, with no
/// threshold anywhere. Never touches pipeline tables.
public enum ScoreStore {
  /// Stores `write` as the pair's current score, keeping the previous current row as history.
  public static func write(_ write: ScoreWrite, in connection: Connection) throws(StorageError) {
    try connection.run(
      "UPDATE match_scores SET is_current = 0 WHERE vacancy_id = ? AND candidate_id = ? AND is_current = 1",
      [.integer(write.vacancyID), .integer(write.candidateID)])
    try connection.run(
      """
      INSERT INTO match_scores (candidate_id, vacancy_id, score, contributions, model_version, trigger,
        scored_at, is_current) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
      """,
      [
        .integer(write.candidateID), .integer(write.vacancyID), SQLValue(write.score),
        .text(write.contributions), .text(write.modelVersion), .text(write.trigger),
        .date(write.scoredAt),
      ])
  }

  /// The current scores of one candidate, by vacancy id.
  public static func current(candidateID: Int64, in connection: Connection) throws(StorageError)
    -> [Int64: ScoreCurrent]
  {
    var result: [Int64: ScoreCurrent] = [:]
    for row in try connection.query(
      "SELECT vacancy_id, score, model_version FROM match_scores WHERE candidate_id = ? AND is_current = 1",
      [.integer(candidateID)])
    {
      guard let vacancy = row.int(0), let score = row.int(1), let model = row.text(2) else {
        continue
      }
      result[vacancy] = ScoreCurrent(score: Int(score), modelVersion: model)
    }
    return result
  }

  /// The current scores for one vacancy, by candidate id; with the contributions JSON when asked.
  public static func current(
    vacancyID: Int64, withContributions: Bool = false, in connection: Connection
  ) throws -> [Int64: ScoreCurrent] {
    var result: [Int64: ScoreCurrent] = [:]
    let columns =
      withContributions
      ? "candidate_id, score, model_version, contributions" : "candidate_id, score, model_version"
    try connection.forEach(
      "SELECT \(columns) FROM match_scores WHERE vacancy_id = ? AND is_current = 1",
      [.integer(vacancyID)]
    ) { row in
      guard let candidate = row.int(0), let score = row.int(1), let model = row.text(2) else {
        return
      }
      result[candidate] = ScoreCurrent(
        score: Int(score), modelVersion: model, contributions: withContributions ? row.text(3) : nil
      )
    }
    return result
  }

  /// One page of a vacancy's current scores: by score descending, then candidate id ascending, starting
  /// after `cursor`. Everyone is listed; the only bound is the page size.
  public static func matches(
    vacancyID: Int64, limit: Int, after cursor: ScoreCursor?, in connection: Connection
  ) throws(StorageError) -> [StoredScore] {
    var sql =
      "SELECT \(StoredScore.columns) FROM match_scores WHERE vacancy_id = ? AND is_current = 1"
    var arguments: [SQLValue] = [.integer(vacancyID)]
    if let cursor {
      sql += " AND (score < ? OR (score = ? AND candidate_id > ?))"
      arguments += [SQLValue(cursor.score), SQLValue(cursor.score), .integer(cursor.candidateID)]
    }
    sql += " ORDER BY score DESC, candidate_id ASC LIMIT ?"
    arguments.append(SQLValue(max(0, limit)))
    var result: [StoredScore] = []
    for row in try connection.query(sql, arguments) { result.append(try StoredScore(row: row)) }
    return result
  }

  /// How many current scores a vacancy has.
  public static func count(vacancyID: Int64, in connection: Connection) throws(StorageError) -> Int
  {
    Int(
      try connection.queryOne(
        "SELECT count(*) FROM match_scores WHERE vacancy_id = ? AND is_current = 1",
        [.integer(vacancyID)])?.int(0) ?? 0)
  }

  /// Every score a candidate ever had (current and history), by vacancy, then oldest first: how each
  /// score moved, for the candidate's explanation.
  public static func history(candidateID: Int64, in connection: Connection) throws(StorageError)
    -> [StoredScore]
  {
    var result: [StoredScore] = []
    for row in try connection.query(
      "SELECT \(StoredScore.columns) FROM match_scores WHERE candidate_id = ? ORDER BY vacancy_id, scored_at, id",
      [.integer(candidateID)])
    {
      result.append(try StoredScore(row: row))
    }
    return result
  }
}
