import Domain
import Enrichment
import Foundation
import Logging
import Storage

/// Contact data on a recruiter's request: fetched now, billed, stored with who fetched it and when.
struct CandidateContactService: Sendable {
  let database: Database
  let enricher: (any PersonEnricher)?
  let clock: any Clock
  let creditsPerDay: Int
  let prices: CreditPrices
  let logger: Logger

  /// Fetches and stores a candidate's contact data for `user`.
  func fetch(candidateID: Int64, by user: AuthenticatedUser) async throws(AdminAPIFailure)
    -> StoredContactData
  {
    let record = try await AdminAPI.write(database) {
      try CandidateStore.record(id: candidateID, in: $0)
    }
    guard let record else { throw AdminAPIFailure.notFound("candidate") }
    guard let url = record.profileURL else {
      throw AdminAPIFailure.conflict("The candidate has no profile URL to look up.")
    }
    guard let enricher else {
      throw AdminAPIFailure(
        status: 503, code: "no_provider", message: "No enrichment provider is configured.")
    }
    let now = clock.now()
    let spent = try await AdminAPI.write(database) {
      try CreditLedgerStore.total(onDayOf: now, in: $0)
    }
    let most = prices.enrich + prices.businessEmail + prices.personalEmail + prices.phone
    guard spent + most <= Double(creditsPerDay) else {
      throw AdminAPIFailure(
        status: 429, code: "budget_exhausted", message: "Today's credit budget is spent.")
    }
    let contact: ContactData?
    do {
      contact = try await enricher.fetchContactData(
        profileURL: url, purpose: EnrichmentPurpose(reason: "contact", candidateIDs: [candidateID]))
    } catch {
      logger.warning("contact lookup failed", ["error.kind": .string(error.kind.rawValue)])
      throw CandidateAddService.failure(error)
    }
    let stored = StoredContactData(
      candidateID: candidateID, emails: contact?.emails ?? [], phones: contact?.phones ?? [],
      fetchedAt: clock.now(), fetchedByUserID: user.id)
    try await AdminAPI.write(database) { try ContactDataStore.save(stored, in: $0) }
    return stored
  }
}
