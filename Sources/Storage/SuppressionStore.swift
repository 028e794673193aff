public import Foundation

/// The suppression list of erased people: keyed hashes only. All of its SQL lives here.
public enum SuppressionStore {
  /// Adds a person's hashes (nothing happens when both are absent); returns whether a row was written.
  @discardableResult
  public static func add(
    _ hashes: SuppressionHashes, erasedAt: Date, reason: String, in connection: Connection
  ) throws -> Bool {
    if hashes.isEmpty { return false }
    try connection.run(
      """
      INSERT INTO suppression_list (provider_id_hash, profile_url_hash, erased_at, reason)
      VALUES (?, ?, ?, ?)
      """,
      [
        SQLValue(hashes.providerIDHash), SQLValue(hashes.profileURLHash), .date(erasedAt),
        .text(reason),
      ])
    return true
  }

  /// Whether either hash is on the list.
  public static func contains(_ hashes: SuppressionHashes, in connection: Connection) throws -> Bool
  {
    if let hash = hashes.providerIDHash,
      try connection.queryOne(
        "SELECT 1 FROM suppression_list WHERE provider_id_hash = ? LIMIT 1", [.text(hash)]) != nil
    {
      return true
    }
    if let hash = hashes.profileURLHash,
      try connection.queryOne(
        "SELECT 1 FROM suppression_list WHERE profile_url_hash = ? LIMIT 1", [.text(hash)]) != nil
    {
      return true
    }
    return false
  }

  /// How many entries the list holds.
  public static func count(in connection: Connection) throws -> Int {
    Int(try connection.queryOne("SELECT count(*) FROM suppression_list")?.int(0) ?? 0)
  }
}
