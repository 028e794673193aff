import Foundation

/// Contact data in its own table, so it is fetched, billed and deleted on its own terms.
public enum ContactDataStore {
  /// Stores (or replaces) a candidate's contact data.
  public static func save(_ data: StoredContactData, in connection: Connection) throws {
    let encoder = JSONEncoder.sorted
    try connection.run(
      """
      INSERT INTO contact_data (candidate_id, emails, phones, fetched_at, fetched_by_user_id)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (candidate_id) DO UPDATE SET emails = excluded.emails, phones = excluded.phones,
        fetched_at = excluded.fetched_at, fetched_by_user_id = excluded.fetched_by_user_id
      """,
      [
        .integer(data.candidateID), .text(String(decoding: try encoder.encode(data.emails), as: UTF8.self)),
        .text(String(decoding: try encoder.encode(data.phones), as: UTF8.self)), .date(data.fetchedAt),
        .text(data.fetchedByUserID),
      ])
  }

  /// A candidate's contact data, or nil when never fetched.
  public static func contactData(candidateID: Int64, in connection: Connection) throws
    -> StoredContactData?
  {
    guard
      let row = try connection.queryOne(
        "SELECT emails, phones, fetched_at, fetched_by_user_id FROM contact_data WHERE candidate_id = ?",
        [.integer(candidateID)])
    else { return nil }
    let decoder = JSONDecoder()
    return StoredContactData(
      candidateID: candidateID,
      emails: (try? decoder.decode([String].self, from: Data((row.text(0) ?? "[]").utf8))) ?? [],
      phones: (try? decoder.decode([String].self, from: Data((row.text(1) ?? "[]").utf8))) ?? [],
      fetchedAt: row.date(2) ?? Date(timeIntervalSince1970: 0), fetchedByUserID: row.text(3) ?? "")
  }
}
