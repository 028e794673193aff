import Domain
import Enrichment
import Foundation
import Storage

/// How the refresh executor reads a record before the provider call and writes the answer into it, inside
/// the executor's transaction (so the record update, its change events and the item's `done` commit
/// together).
struct RefreshRecordWriter: Sendable {
  /// The record as a refresh target; nil when the candidate is gone.
  let target:
    @Sendable (_ candidateID: Int64, _ connection: Connection) throws -> PlanningRefreshTarget?
  /// Writes `person` into the record at `now`; returns the record's new `last_verified_at`.
  let apply:
    @Sendable (
      _ candidateID: Int64, _ person: EnrichedPerson, _ now: Date, _ connection: Connection
    )
      throws -> Date

  /// Reads through `PlanningRecordStore` and writes through the candidate record store's upsert
  /// (`CandidateStore.upsert`): auto-filled columns, the profile JSON, sensitive fields held as pending;
  /// `last_verified_at` is the provider's freshness time when given, else the fetch time; `sourced_at`,
  /// `contacted_at` and confirmations are never written by an enrichment.
  static let candidateStore = RefreshRecordWriter(
    target: { candidateID, connection in
      try PlanningRecordStore.target(candidateID: candidateID, in: connection)
    },
    apply: { candidateID, person, now, connection in
      let enrichment = CandidateEnrichment(
        provider: "crustdata", providerID: person.providerID, profileURL: person.profileURL,
        profile: person.profile, sensitiveFields: person.sensitiveFields,
        rawPayload: person.rawPayload,
        fetchedAt: now, providerUpdatedAt: person.providerUpdatedAt)
      let written = try CandidateStore.upsert(enrichment, in: connection)
      guard written == candidateID else {
        throw RecordMismatch(description: "the provider's answer names another candidate record")
      }
      return enrichment.verifiedAt
    })

  /// The provider answered for a person who resolves to a different record than the one refreshed.
  struct RecordMismatch: Error, CustomStringConvertible {
    /// What happened (no personal data).
    let description: String
  }
}
