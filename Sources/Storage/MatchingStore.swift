public import Foundation

/// What the re-matcher reads besides scores: vacancies with their scoring state, unmatched change events,
/// candidate profiles (JSON of `CandidateProfile`) and pipeline membership. Reads pipeline tables, never
/// writes them.
public enum MatchingStore {
  private static let vacancyColumns = """
    v.id, v.title, v.criteria, v.owner_user_id, v.is_open, v.ai_scoring, v.criteria_version,
    s.scored_criteria_version
    """

  /// Every vacancy with its scoring state, by id.
  public static func vacancies(in connection: Connection) throws(StorageError) -> [MatchingVacancy]
  {
    try connection.query(
      "SELECT \(vacancyColumns) FROM vacancies v LEFT JOIN vacancy_match_state s ON s.vacancy_id = v.id ORDER BY v.id"
    ).compactMap(vacancy)
  }

  /// One vacancy with its scoring state.
  public static func vacancy(id: Int64, in connection: Connection) throws(StorageError)
    -> MatchingVacancy?
  {
    try connection.queryOne(
      "SELECT \(vacancyColumns) FROM vacancies v LEFT JOIN vacancy_match_state s ON s.vacancy_id = v.id WHERE v.id = ?",
      [.integer(id)]
    ).flatMap(vacancy)
  }

  private static func vacancy(_ row: Row) -> MatchingVacancy? {
    guard let id = row.int(0), let title = row.text(1), let criteria = row.text(2),
      let owner = row.text(3), let open = row.bool(4), let scoring = row.bool(5),
      let version = row.int(6)
    else { return nil }
    return MatchingVacancy(
      id: id, title: title, criteria: criteria, ownerUserID: owner, isOpen: open,
      aiScoring: scoring, criteriaVersion: version, scoredCriteriaVersion: row.int(7))
  }

  /// Records that a vacancy was fully scored at `criteriaVersion`.
  public static func markVacancyScored(
    id: Int64, criteriaVersion: Int64, at now: Date, in connection: Connection
  ) throws(StorageError) {
    try connection.run(
      """
      INSERT INTO vacancy_match_state (vacancy_id, scored_criteria_version, scored_at) VALUES (?, ?, ?)
      ON CONFLICT (vacancy_id) DO UPDATE SET scored_criteria_version = excluded.scored_criteria_version,
        scored_at = excluded.scored_at
      """, [.integer(id), .integer(criteriaVersion), .date(now)])
  }

  /// Forgets a vacancy's scoring state (its scoring was switched off), so switching it back on rescores it.
  public static func forgetVacancyScoring(id: Int64, in connection: Connection) throws(StorageError)
  {
    try connection.run("DELETE FROM vacancy_match_state WHERE vacancy_id = ?", [.integer(id)])
  }

  /// Up to `limit` change events not yet matched, oldest first.
  public static func unmatchedChanges(limit: Int, in connection: Connection) throws(StorageError)
    -> [MatchingChange]
  {
    try connection.query(
      "SELECT id, candidate_id, kind FROM change_events WHERE matched_at IS NULL ORDER BY id LIMIT ?",
      [SQLValue(limit)]
    ).compactMap { row in
      guard let id = row.int(0), let candidate = row.int(1), let kind = row.text(2) else {
        return nil
      }
      return MatchingChange(id: id, candidateID: candidate, kind: kind)
    }
  }

  /// Marks change events as matched.
  public static func markMatched(changeIDs: [Int64], at now: Date, in connection: Connection)
    throws(StorageError)
  {
    for id in changeIDs {
      try connection.run(
        "UPDATE change_events SET matched_at = ? WHERE id = ? AND matched_at IS NULL",
        [.date(now), .integer(id)])
    }
  }

  /// The stored profile JSON of each candidate in `ids` that has one, by id.
  public static func profiles(ids: [Int64], in connection: Connection) throws(StorageError)
    -> [Int64: String]
  {
    var result: [Int64: String] = [:]
    for id in ids {
      if let row = try connection.queryOne(
        "SELECT profile FROM candidates WHERE id = ? AND profile IS NOT NULL", [.integer(id)]),
        let profile = row.text(0)
      {
        result[id] = profile
      }
    }
    return result
  }

  /// Up to `limit` candidates with a profile and an id above `afterID`, by id: one batch of a full rescoring.
  public static func profiles(afterID: Int64, limit: Int, in connection: Connection) throws
    -> [(id: Int64, profile: String)]
  {
    var result: [(id: Int64, profile: String)] = []
    try connection.forEach(
      "SELECT id, profile FROM candidates WHERE id > ? AND profile IS NOT NULL ORDER BY id LIMIT ?",
      [.integer(afterID), SQLValue(limit)]
    ) { row in
      if let id = row.int(0), let profile = row.text(1) { result.append((id, profile)) }
    }
    return result
  }

  /// The vacancies whose pipeline holds the candidate.
  public static func pipelineVacancies(candidateID: Int64, in connection: Connection)
    throws(StorageError) -> Set<Int64>
  {
    Set(
      try connection.query(
        "SELECT vacancy_id FROM pipeline_entries WHERE candidate_id = ?", [.integer(candidateID)]
      ).compactMap { $0.int(0) })
  }

  /// The candidates in a vacancy's pipeline.
  public static func pipelineCandidates(vacancyID: Int64, in connection: Connection)
    throws(StorageError) -> Set<Int64>
  {
    Set(
      try connection.query(
        "SELECT candidate_id FROM pipeline_entries WHERE vacancy_id = ?", [.integer(vacancyID)]
      ).compactMap { $0.int(0) })
  }

  /// The candidates with a profile and an id in `ids`, by id: each with the cached snapshot when it was
  /// taken under `basis` in `month` and the profile has not changed since (else the profile), and the
  /// current scores. One batch of a full rescoring.
  public static func scoringInputs(
    ids: Range<Int64>, basis: String, month: Int, in connection: Connection
  ) throws -> [MatchingCandidate] {
    var result: [MatchingCandidate] = []
    try connection.forEach(
      """
      SELECT c.id, cur.scores, s.id, s.features, CASE WHEN s.id IS NULL THEN c.profile END
      FROM candidates c
      LEFT JOIN match_current cur ON cur.candidate_id = c.id
      LEFT JOIN match_snapshots s ON s.id = cur.snapshot_id AND s.basis = ? AND s.month = ?
      WHERE c.id >= ? AND c.id < ? AND c.profile IS NOT NULL ORDER BY c.id
      """, [.text(basis), SQLValue(month), .integer(ids.lowerBound), .integer(ids.upperBound)]
    ) { row in
      guard let id = row.int(0) else { return }
      // Damaged current scores stop the batch (see `CurrentScores.decoded`).
      let current =
        try row.blob(1).map { try CurrentScores.decoded($0, candidateID: id) }
        ?? CurrentScores()
      var snapshot: (id: Int64, features: [UInt8])?
      if let snapshotID = row.int(2), let features = row.blob(3) {
        snapshot = (snapshotID, features)
      }
      result.append(
        MatchingCandidate(id: id, snapshot: snapshot, profile: row.text(4), current: current))
    }
    return result
  }

  /// The largest candidate id (0 when there is none).
  public static func maxCandidateID(in connection: Connection) throws(StorageError) -> Int64 {
    try connection.queryOne("SELECT coalesce(max(id), 0) FROM candidates")?.int(0) ?? 0
  }
}
