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

  /// Reads and writes through `PlanningRecordStore`: auto-filled columns and the profile JSON;
  /// `last_verified_at` is the provider's freshness time when given, else the fetch time; retention
  /// clocks and confirmations are never written.
  static let planningStore = RefreshRecordWriter(
    target: { candidateID, connection in
      try PlanningRecordStore.target(candidateID: candidateID, in: connection)
    },
    apply: { candidateID, person, now, connection in
      let verifiedAt = person.providerUpdatedAt ?? now
      try PlanningRecordStore.applyRefresh(
        candidateID: candidateID, profile: person.profile, providerID: person.providerID,
        rawPayload: person.rawPayload, verifiedAt: verifiedAt, enrichedAt: now, in: connection)
      return verifiedAt
    })
}
