public import Foundation

/// Pipeline entries and their stage history. Every write names the acting human: the store refuses a
/// stage change without a user id, so no background service can move (or reject) a candidate.
public enum PipelineStore {
  /// Confirms a candidate into a vacancy at stage `sourced`, by `actingUserID`, who owns the entry.
  public static func confirm(
    candidateID: Int64, vacancyID: Int64, actingUserID: String, at: Date, in connection: Connection
  ) throws -> PipelineEntry {
    guard !actingUserID.isEmpty else { throw PipelineStoreError.missingActingUser }
    return try connection.transaction {
      guard
        try connection.queryOne("SELECT 1 FROM candidates WHERE id = ?", [.integer(candidateID)])
          != nil,
        try connection.queryOne("SELECT 1 FROM vacancies WHERE id = ?", [.integer(vacancyID)])
          != nil
      else { throw PipelineStoreError.candidateOrVacancyNotFound }
      if let existing = try connection.queryOne(
        "SELECT id FROM pipeline_entries WHERE candidate_id = ? AND vacancy_id = ?",
        [.integer(candidateID), .integer(vacancyID)]), let id = existing.int(0)
      {
        throw PipelineStoreError.alreadyInPipeline(entryID: id)
      }
      let user = SQLValue.text(actingUserID)
      try connection.run(
        """
        INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id,
          confirmed_by_user_id, confirmed_at, stage_changed_by_user_id, stage_changed_at,
          last_activity_at)
        VALUES (?, ?, 'sourced', ?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(candidateID), .integer(vacancyID), user, user, .date(at), user, .date(at),
          .date(at),
        ])
      let id = connection.lastInsertRowID
      try connection.run(
        """
        INSERT INTO pipeline_stage_changes (pipeline_entry_id, from_stage, to_stage, changed_by_user_id,
          changed_at) VALUES (?, NULL, 'sourced', ?, ?)
        """, [.integer(id), user, .date(at)])
      return PipelineEntry(
        id: id, candidateID: candidateID, vacancyID: vacancyID, stage: "sourced",
        ownerUserID: actingUserID, confirmedByUserID: actingUserID, confirmedAt: at,
        stageChangedByUserID: actingUserID, stageChangedAt: at, lastActivityAt: at)
    }
  }

  /// Moves an entry to `stage`, by `actingUserID` (required), with an optional reason; records the change
  /// and updates `last_activity_at`.
  public static func changeStage(
    entryID: Int64, to stage: String, actingUserID: String?, reason: String? = nil, at: Date,
    in connection: Connection
  ) throws -> PipelineEntry {
    guard let actingUserID, !actingUserID.isEmpty else {
      throw PipelineStoreError.missingActingUser
    }
    guard !stage.isEmpty else { throw PipelineStoreError.invalidStage }
    return try connection.transaction {
      guard var entry = try entry(id: entryID, in: connection) else {
        throw PipelineStoreError.entryNotFound
      }
      try connection.run(
        """
        INSERT INTO pipeline_stage_changes (pipeline_entry_id, from_stage, to_stage, changed_by_user_id,
          reason, changed_at) VALUES (?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(entryID), .text(entry.stage), .text(stage), .text(actingUserID),
          SQLValue(reason),
          .date(at),
        ])
      try connection.run(
        """
        UPDATE pipeline_entries SET stage = ?, stage_changed_by_user_id = ?, stage_changed_at = ?,
          last_activity_at = ?
        WHERE id = ?
        """, [.text(stage), .text(actingUserID), .date(at), .date(at), .integer(entryID)])
      entry.stage = stage
      entry.stageChangedByUserID = actingUserID
      entry.stageChangedAt = at
      entry.lastActivityAt = at
      return entry
    }
  }

  /// Who answers for each pipeline the candidate is in: the entry's owner and the vacancy's owner.
  public static func owners(candidateID: Int64, in connection: Connection) throws -> [(
    entryOwner: String, vacancyOwner: String?
  )] {
    try connection.query(
      """
      SELECT p.owner_user_id, v.owner_user_id FROM pipeline_entries p
      LEFT JOIN vacancies v ON v.id = p.vacancy_id WHERE p.candidate_id = ?
      """, [.integer(candidateID)]
    ).map { ($0.text(0) ?? "", $0.text(1)) }
  }

  /// The entry with `id`, or nil.
  public static func entry(id: Int64, in connection: Connection) throws -> PipelineEntry? {
    guard
      let row = try connection.queryOne(
        """
        SELECT id, candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id, confirmed_at,
          stage_changed_by_user_id, stage_changed_at, last_activity_at
        FROM pipeline_entries WHERE id = ?
        """, [.integer(id)])
    else { return nil }
    let epoch = Date(timeIntervalSince1970: 0)
    return PipelineEntry(
      id: row.int(0) ?? 0, candidateID: row.int(1) ?? 0, vacancyID: row.int(2) ?? 0,
      stage: row.text(3) ?? "", ownerUserID: row.text(4) ?? "",
      confirmedByUserID: row.text(5) ?? "",
      confirmedAt: row.date(6) ?? epoch, stageChangedByUserID: row.text(7) ?? "",
      stageChangedAt: row.date(8) ?? epoch, lastActivityAt: row.date(9) ?? epoch)
  }

  /// How many stage changes an entry has had (the first, `sourced`, included).
  public static func stageChangeCount(entryID: Int64, in connection: Connection) throws -> Int {
    Int(
      try connection.queryOne(
        "SELECT COUNT(*) FROM pipeline_stage_changes WHERE pipeline_entry_id = ?",
        [.integer(entryID)]
      )?.int(0) ?? 0)
  }
}
