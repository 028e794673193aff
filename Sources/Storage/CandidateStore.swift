public import Domain
public import Foundation

/// The candidate record: upserts from enrichments, the human-confirmed add, reads and contact marks.
///
/// Confirmation columns (`sourced_at`, `confirmed_*`, `source`, `ai_sourced`) are written once, by the
/// first confirmation, and never reset by a later enrichment: the retention clocks run from them.
public enum CandidateStore {
  /// Writes an enrichment into the record of the person it names (creating the row when new), holds its
  /// sensitive fields as pending, and applies `confirmation` when the record has none yet. Returns the id.
  /// Throws a constraint violation when the provider id or URL already belongs to another candidate.
  public static func upsert(
    _ enrichment: CandidateEnrichment, confirmation: CandidateConfirmation? = nil,
    in connection: Connection
  ) throws -> Int64 {
    try connection.transaction {
      let id = try CandidateIdentityStore.ensure(
        provider: enrichment.provider, providerID: enrichment.providerID,
        profileURL: enrichment.profileURL, now: enrichment.fetchedAt, in: connection)
      let profile = enrichment.profile
      let profileJSON = String(decoding: try JSONEncoder.sorted.encode(profile), as: UTF8.self)
      try connection.run(
        """
        UPDATE candidates SET
          provider_id = COALESCE(provider_id, ?), profile_url = COALESCE(profile_url, ?),
          name = ?, headline = ?, current_title = ?, current_company = ?, location = ?, profile = ?,
          raw_payload = ?, open_to_work = ?, enriched_at = ?, last_verified_at = ?
        WHERE id = ?
        """,
        [
          SQLValue(enrichment.providerID), SQLValue(ProfileURL.normalize(enrichment.profileURL)),
          .text(profile.name), SQLValue(profile.headline), SQLValue(profile.currentTitle),
          SQLValue(profile.currentCompany), SQLValue(profile.location?.raw), .text(profileJSON),
          .blob(enrichment.rawPayload), SQLValue(profile.openToWork), .date(enrichment.fetchedAt),
          .date(enrichment.verifiedAt), .integer(id),
        ])
      for (field, value) in enrichment.sensitiveFields.sorted(by: { $0.key < $1.key }) {
        try PendingFieldStore.propose(
          candidateID: id, field: field, value: value, at: enrichment.fetchedAt, in: connection)
      }
      if let confirmation { try confirm(id: id, confirmation, in: connection) }
      return id
    }
  }

  /// Records a human confirmation on an existing record unless it already has one; returns whether the
  /// record exists.
  @discardableResult
  public static func confirm(
    id: Int64, _ confirmation: CandidateConfirmation, in connection: Connection
  ) throws -> Bool {
    guard try connection.queryOne("SELECT 1 FROM candidates WHERE id = ?", [.integer(id)]) != nil
    else { return false }
    try connection.run(
      """
      UPDATE candidates SET
        confirmed_by_user_id = ?, confirmed_at = ?, sourced_at = COALESCE(sourced_at, ?), source = ?,
        ai_sourced = ?
      WHERE id = ? AND confirmed_at IS NULL
      """,
      [
        .text(confirmation.userID), .date(confirmation.at), .date(confirmation.at),
        .text(confirmation.source), SQLValue(confirmation.aiSourced), .integer(id),
      ])
    return true
  }

  /// The record with `id`, or nil.
  public static func record(id: Int64, in connection: Connection) throws -> CandidateRecord? {
    try connection.queryOne("SELECT \(columns) FROM candidates WHERE id = ?", [.integer(id)])
      .map(record(from:))
  }

  /// The record a reference names (provider id first, then normalised URL), or nil.
  public static func record(for reference: PersonReference, in connection: Connection) throws
    -> CandidateRecord?
  {
    guard let id = try CandidateIdentityStore.resolve(reference, in: connection) else { return nil }
    return try record(id: id, in: connection)
  }

  /// Sets `contacted_at` the first time; returns false when there is no such candidate.
  public static func markContacted(id: Int64, at: Date, in connection: Connection) throws -> Bool {
    try connection.run(
      "UPDATE candidates SET contacted_at = COALESCE(contacted_at, ?) WHERE id = ?",
      [.date(at), .integer(id)])
    return connection.changes > 0
  }

  private static let columns = """
    id, provider, provider_id, profile_url, profile, raw_payload, source, ai_sourced,
    confirmed_by_user_id, confirmed_at, sourced_at, enriched_at, last_verified_at, contacted_at,
    art14_notice_sent_at, photo_url, created_at
    """

  private static func record(from row: Row) -> CandidateRecord {
    let profile = row.text("profile").flatMap {
      try? JSONDecoder().decode(CandidateProfile.self, from: Data($0.utf8))
    }
    return CandidateRecord(
      id: row.int("id") ?? 0, provider: row.text("provider") ?? "",
      providerID: row.text("provider_id"), profileURL: row.text("profile_url"), profile: profile,
      rawPayload: row.blob("raw_payload"), source: row.text("source") ?? "unknown",
      aiSourced: row.bool("ai_sourced") ?? false,
      confirmedByUserID: row.text("confirmed_by_user_id"), confirmedAt: row.date("confirmed_at"),
      sourcedAt: row.date("sourced_at"), enrichedAt: row.date("enriched_at"),
      lastVerifiedAt: row.date("last_verified_at"), contactedAt: row.date("contacted_at"),
      art14NoticeSentAt: row.date("art14_notice_sent_at"), photoURL: row.text("photo_url"),
      createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0))
  }
}

extension JSONEncoder {
  /// An encoder with sorted keys, so stored JSON is stable.
  static var sorted: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
