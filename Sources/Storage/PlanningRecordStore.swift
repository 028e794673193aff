import Domain
import Foundation

/// The record read a refresh needs before calling the provider (the write is `CandidateStore.upsert`).
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
}
