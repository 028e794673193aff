public import Foundation

/// Feature snapshots (migration 32): a candidate's features as scored (`match_snapshots`, one per profile
/// version and synonym basis) and a vacancy's normalised criteria per criteria version
/// (`match_vacancy_snapshots`). The bytes are `FeatureBuilder` snapshots; this store only keeps them.
public enum MatchSnapshotStore {
  /// Stores a candidate snapshot and returns its id. `basis` names the model and synonym tables the
  /// features were built with; `month` the month index current positions ended at.
  public static func insertCandidate(
    candidateID: Int64, basis: String, month: Int, takenAt: Date, features: [UInt8],
    in connection: Connection
  ) throws(StorageError) -> Int64 {
    try connection.run(
      """
      INSERT INTO match_snapshots (candidate_id, basis, month, taken_at, features)
      VALUES (?, ?, ?, ?, ?)
      """,
      [
        .integer(candidateID), .text(basis), SQLValue(month), .date(takenAt), .blob(features),
      ])
    return connection.lastInsertRowID
  }

  /// A candidate snapshot by id: its basis and bytes.
  public static func candidate(id: Int64, in connection: Connection) throws(StorageError) -> (
    basis: String, features: [UInt8]
  )? {
    guard
      let row = try connection.queryOne(
        "SELECT basis, features FROM match_snapshots WHERE id = ?", [.integer(id)]),
      let basis = row.text(0), let features = row.blob(1)
    else { return nil }
    return (basis, features)
  }

  /// Records a vacancy's criteria snapshot for `criteriaVersion` under `basis`, unless already recorded.
  public static func recordVacancy(
    vacancyID: Int64, criteriaVersion: Int64, basis: String, at now: Date, features: [UInt8],
    in connection: Connection
  ) throws(StorageError) {
    try connection.run(
      """
      INSERT OR IGNORE INTO match_vacancy_snapshots (vacancy_id, criteria_version, basis, recorded_at,
        features) VALUES (?, ?, ?, ?, ?)
      """,
      [.integer(vacancyID), .integer(criteriaVersion), .text(basis), .date(now), .blob(features)])
  }

  /// A vacancy's criteria snapshot for `criteriaVersion` under `basis`.
  public static func vacancy(
    vacancyID: Int64, criteriaVersion: Int64, basis: String, in connection: Connection
  ) throws(StorageError) -> [UInt8]? {
    try connection.queryOne(
      """
      SELECT features FROM match_vacancy_snapshots
      WHERE vacancy_id = ? AND criteria_version = ? AND basis = ?
      """, [.integer(vacancyID), .integer(criteriaVersion), .text(basis)])?.blob(0)
  }
}
