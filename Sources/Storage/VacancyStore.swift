public import Domain
public import Foundation

/// Vacancies: criteria stored as the JSON of the Domain `VacancyCriteria`.
public enum VacancyStore {
  /// Creates a vacancy and returns it.
  public static func create(
    title: String, criteria: VacancyCriteria, ownerUserID: String, isOpen: Bool = true,
    aiScoring: Bool = true, at: Date, in connection: Connection
  ) throws -> VacancyRecord {
    try connection.run(
      """
      INSERT INTO vacancies (title, criteria, owner_user_id, is_open, ai_scoring, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .text(title), .text(try encode(criteria)), .text(ownerUserID), SQLValue(isOpen),
        SQLValue(aiScoring), .date(at), .date(at),
      ])
    return VacancyRecord(
      id: connection.lastInsertRowID, title: title, criteria: criteria, ownerUserID: ownerUserID,
      isOpen: isOpen, aiScoring: aiScoring, createdAt: at, updatedAt: at, criteriaVersion: 1)
  }

  /// Applies `changes`; returns the updated vacancy, or nil when there is none with `id`.
  public static func update(
    id: Int64, _ changes: VacancyChanges, at: Date, in connection: Connection
  ) throws -> VacancyRecord? {
    try connection.transaction {
      guard var vacancy = try vacancy(id: id, in: connection) else { return nil }
      if let title = changes.title { vacancy.title = title }
      if let isOpen = changes.isOpen { vacancy.isOpen = isOpen }
      if let aiScoring = changes.aiScoring { vacancy.aiScoring = aiScoring }
      if let criteria = changes.criteria, criteria != vacancy.criteria {
        vacancy.criteria = criteria
        vacancy.criteriaVersion += 1
      }
      vacancy.updatedAt = at
      try connection.run(
        """
        UPDATE vacancies SET title = ?, criteria = ?, is_open = ?, ai_scoring = ?, updated_at = ?,
          criteria_version = ?
        WHERE id = ?
        """,
        [
          .text(vacancy.title), .text(try encode(vacancy.criteria)), SQLValue(vacancy.isOpen),
          SQLValue(vacancy.aiScoring), .date(at), .integer(vacancy.criteriaVersion), .integer(id),
        ])
      return vacancy
    }
  }

  /// The vacancy with `id`, or nil.
  public static func vacancy(id: Int64, in connection: Connection) throws -> VacancyRecord? {
    try connection.queryOne("SELECT \(columns) FROM vacancies WHERE id = ?", [.integer(id)])
      .map(record(from:))
  }

  /// Vacancies by id, optionally only one owner's.
  public static func list(ownerUserID: String? = nil, in connection: Connection) throws
    -> [VacancyRecord]
  {
    if let ownerUserID {
      return try connection.query(
        "SELECT \(columns) FROM vacancies WHERE owner_user_id = ? ORDER BY id", [.text(ownerUserID)]
      ).map(record(from:))
    }
    return try connection.query("SELECT \(columns) FROM vacancies ORDER BY id").map(record(from:))
  }

  private static let columns =
    "id, title, criteria, owner_user_id, is_open, ai_scoring, created_at, updated_at, criteria_version"

  private static func encode(_ criteria: VacancyCriteria) throws -> String {
    String(decoding: try JSONEncoder.sorted.encode(criteria), as: UTF8.self)
  }

  private static func record(from row: Row) -> VacancyRecord {
    let criteria =
      row.text("criteria").flatMap {
        try? JSONDecoder().decode(VacancyCriteria.self, from: Data($0.utf8))
      } ?? VacancyCriteria()
    return VacancyRecord(
      id: row.int("id") ?? 0, title: row.text("title") ?? "", criteria: criteria,
      ownerUserID: row.text("owner_user_id") ?? "", isOpen: row.bool("is_open") ?? false,
      aiScoring: row.bool("ai_scoring") ?? false,
      createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
      updatedAt: row.date("updated_at") ?? Date(timeIntervalSince1970: 0),
      criteriaVersion: row.int("criteria_version") ?? 1)
  }
}
