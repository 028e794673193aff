public import Domain
public import Foundation

/// Who we hold: finds candidates by the provider's person id or their normalised profile URL.
public enum CandidateIdentityStore {
  /// Registers a person we hold (or returns the existing id for the same provider id or profile URL).
  public static func ensure(
    provider: String, providerID: String?, profileURL: String?, now: Date, in connection: Connection
  ) throws -> Int64 {
    let reference = PersonReference(
      provider: provider, providerID: providerID, profileURL: profileURL)
    if let existing = try resolve(reference, in: connection) { return existing }
    // Numbered above every id ever used, deleted ones included (migration 11): an erased person's id
    // never comes back for someone else.
    try connection.run(
      """
      INSERT INTO candidates (id, provider, provider_id, profile_url, created_at)
      VALUES (
        max(
          coalesce((SELECT max(id) FROM candidates), 0),
          coalesce((SELECT value FROM candidate_id_high_water WHERE id = 1), 0)) + 1,
        ?, ?, ?, ?)
      """,
      [
        .text(provider), providerID.map { SQLValue.text($0) } ?? .null,
        profileURL.flatMap(ProfileURL.normalize).map { SQLValue.text($0) } ?? .null, .date(now),
      ])
    return connection.lastInsertRowID
  }

  /// The candidate a reference names, by provider id first, then by normalised profile URL.
  public static func resolve(_ reference: PersonReference, in connection: Connection) throws
    -> Int64?
  {
    if let providerID = reference.providerID, !providerID.isEmpty,
      let row = try connection.queryOne(
        "SELECT id FROM candidates WHERE provider = ? AND provider_id = ?",
        [.text(reference.provider), .text(providerID)])
    {
      return row.int(0)
    }
    if let url = reference.profileURL.flatMap(ProfileURL.normalize),
      let row = try connection.queryOne(
        "SELECT id FROM candidates WHERE profile_url = ?", [.text(url)])
    {
      return row.int(0)
    }
    return nil
  }
}
