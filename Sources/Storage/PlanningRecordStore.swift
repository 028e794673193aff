public import Domain
public import Foundation

/// The record reads and writes a refresh needs, until the candidate record store takes the write over.
///
/// `applyRefresh` writes the auto-filled columns and the profile JSON and moves `enriched_at` and
/// `last_verified_at`; it never touches `sourced_at`, `contacted_at`, `confirmed_*` or
/// `art14_notice_sent_at` (retention clocks and human confirmations).
public enum PlanningRecordStore {
  /// The record as a refresh target; nil when the candidate is gone.
  public static func target(candidateID: Int64, in connection: Connection) throws
    -> PlanningRefreshTarget?
  {
    guard
      let row = try connection.queryOne(
        "SELECT profile_url, profile, enriched_at FROM candidates WHERE id = ?",
        [.integer(candidateID)])
    else { return nil }
    let profile = row.text(1).flatMap { text in
      try? JSONDecoder().decode(CandidateProfile.self, from: Data(text.utf8))
    }
    return PlanningRefreshTarget(
      candidateID: candidateID, profileURL: row.text(0), profile: profile, enrichedAt: row.date(2))
  }

  /// Writes a refreshed profile into the record. `verifiedAt` is the provider's freshness time when given,
  /// else `enrichedAt`.
  public static func applyRefresh(
    candidateID: Int64, profile: CandidateProfile, providerID: String?, rawPayload: [UInt8],
    verifiedAt: Date, enrichedAt: Date, in connection: Connection
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(profile), as: UTF8.self)
    try connection.run(
      """
      UPDATE candidates SET name = ?, headline = ?, current_title = ?, current_company = ?, location = ?,
        profile = ?, raw_payload = ?, open_to_work = ?, provider_id = COALESCE(provider_id, ?),
        enriched_at = ?, last_verified_at = ?
      WHERE id = ?
      """,
      [
        .text(profile.name), profile.headline.map { .text($0) } ?? .null,
        profile.currentTitle.map { .text($0) } ?? .null,
        profile.currentCompany.map { .text($0) } ?? .null,
        profile.location.map { .text($0.raw) } ?? .null, .text(json), .blob(rawPayload),
        .integer(profile.openToWork ? 1 : 0), providerID.map { .text($0) } ?? .null,
        .date(enrichedAt), .date(verifiedAt), .integer(candidateID),
      ])
  }
}
