import Domain
import Enrichment
import Foundation
import Logging
import Storage

/// The human-confirmed add: checks suppression, serves a recently verified record without paying,
/// otherwise enriches once (within the daily budget), writes the record with the confirming user, and
/// optionally confirms the candidate into a vacancy.
struct CandidateAddService: Sendable {
  /// What the caller asked to add.
  struct Request: Sendable {
    /// The profile URL, when given.
    var profileURL: String?
    /// The provider's person id, when given.
    var providerID: String?
    /// A vacancy to confirm the candidate into.
    var vacancyID: Int64?
    /// Whether an AI tool proposed the person.
    var aiSourced: Bool
    /// Why a person on the suppression list is added anyway (audited); nil refuses them.
    var suppressionOverrideReason: String? = nil
  }

  /// What the add did.
  struct Outcome: Sendable {
    /// The candidate id.
    var candidateID: Int64
    /// Whether the record came from our database without a provider call.
    var cached: Bool
    /// Whether the candidate is new to the database.
    var created: Bool
    /// The pipeline entry, when a vacancy was given.
    var pipelineEntryID: Int64?
  }

  let database: Database
  let enricher: (any PersonEnricher)?
  let clock: any Clock
  let cacheDays: Int
  let creditsPerDay: Int
  let prices: CreditPrices
  let suppression: AdminAPI.SuppressionCheck
  /// Audit entries for confirmations; nil writes none (tests that do not look at the trail).
  var audit: AuditTrail?
  let logger: Logger
  /// The provider whose ids `provider_id` holds.
  let provider = "crustdata"
  /// One add per person at a time, so concurrent adds of the same person pay once.
  let gate = Gate()

  /// Lets one task at a time through per key; the others wait in arrival order.
  actor Gate {
    private var busy: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Waits until `key` is free and takes it.
    func enter(_ key: String) async {
      guard busy.contains(key) else {
        busy.insert(key)
        return
      }
      await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    /// Hands `key` to the next waiter, or frees it.
    func leave(_ key: String) {
      guard var queue = waiters[key], !queue.isEmpty else {
        busy.remove(key)
        return
      }
      let next = queue.removeFirst()
      waiters[key] = queue.isEmpty ? nil : queue
      next.resume()
    }
  }

  /// Runs the add for `user`.
  func add(_ request: Request, by user: AuthenticatedUser) async throws(AdminAPIFailure) -> Outcome
  {
    var normalizedURL: String?
    if let url = request.profileURL {
      guard let valid = ProfileURLBatcher.validProfileURL(url) else {
        throw AdminAPIFailure.invalid("profile_url", "expected a professional-network profile URL")
      }
      normalizedURL = valid
    }
    guard normalizedURL != nil || request.providerID != nil else {
      throw AdminAPIFailure.invalid("profile_url", "a profile_url or provider_id is required")
    }
    let reference = PersonReference(
      provider: provider, providerID: request.providerID, profileURL: normalizedURL)
    let suppression = suppression
    let overrideReason = request.suppressionOverrideReason
    let actor = user.id
    let suppressed: Bool
    do {
      suppressed = try await database.write { connection in
        try suppression(reference, overrideReason, actor, connection)
      }
    } catch {
      throw AdminAPIFailure(
        status: 503, code: "suppression_unavailable",
        message: "The suppression list could not be read.")
    }
    if suppressed { throw Self.suppressedFailure }
    let vacancyID = request.vacancyID
    if let vacancyID {
      let vacancy = try await run { try VacancyStore.vacancy(id: vacancyID, in: $0) }
      guard let vacancy else { throw AdminAPIFailure.notFound("vacancy") }
      // Confirming into a pipeline is the vacancy owner's (or an admin's) to do.
      try AdminAPI.requireOwner(vacancy, user)
    }
    let key = normalizedURL ?? "provider-id:" + (request.providerID ?? "")
    await gate.enter(key)
    do {
      let outcome = try await addHoldingGate(
        request, reference: reference, normalizedURL: normalizedURL, by: user)
      await gate.leave(key)
      return outcome
    } catch {
      await gate.leave(key)
      throw error
    }
  }

  /// The add once no other add of the same person runs: the cache check, the paid call, the write.
  private func addHoldingGate(
    _ request: Request, reference: PersonReference, normalizedURL: String?,
    by user: AuthenticatedUser
  ) async throws(AdminAPIFailure) -> Outcome {
    let vacancyID = request.vacancyID
    let now = clock.now()
    let confirmation = CandidateConfirmation(
      userID: user.id, at: now, source: "talentwatch", aiSourced: request.aiSourced)
    let existing = try await run { try CandidateStore.record(for: reference, in: $0) }
    if let existing, let verified = existing.lastVerifiedAt,
      now.timeIntervalSince(verified) < TimeInterval(cacheDays) * 86_400
    {
      let entry = try await confirm(existing.id, confirmation, vacancyID: vacancyID, user: user)
      return Outcome(candidateID: existing.id, cached: true, created: false, pipelineEntryID: entry)
    }
    guard let url = normalizedURL ?? existing?.profileURL else {
      throw AdminAPIFailure.invalid("profile_url", "required to enrich a person we do not hold")
    }
    guard let enricher else {
      throw AdminAPIFailure(
        status: 503, code: "no_provider", message: "No enrichment provider is configured.")
    }
    let spent = try await run { try CreditLedgerStore.total(onDayOf: now, in: $0) }
    guard spent + prices.enrich <= Double(creditsPerDay) else {
      throw AdminAPIFailure(
        status: 429, code: "budget_exhausted", message: "Today's credit budget is spent.")
    }
    let purpose = EnrichmentPurpose(reason: "add", candidateIDs: existing.map { [$0.id] } ?? [])
    let outcomes: [EnrichmentOutcome]
    do {
      outcomes = try await enricher.enrich(profileURLs: [url], purpose: purpose)
    } catch {
      logger.warning("enrichment failed", ["error.kind": .string(error.kind.rawValue)])
      throw Self.failure(error)
    }
    guard let outcome = outcomes.first else {
      throw AdminAPIFailure(
        status: 502, code: "provider_error", message: "The provider gave no answer.")
    }
    switch outcome.result {
    case .invalidURL:
      throw AdminAPIFailure.invalid("profile_url", "expected a professional-network profile URL")
    case .noMatch:
      throw AdminAPIFailure(
        status: 404, code: "no_match", message: "The provider does not know this person.")
    case .unanswered:
      throw AdminAPIFailure(
        status: 502, code: "provider_error", message: "The provider's answer left this person out.")
    case .unreadable:
      throw AdminAPIFailure(
        status: 502, code: "provider_malformed",
        message: "The provider's record of this person could not be read.")
    case .matched(let person):
      let enrichment = CandidateEnrichment(
        provider: provider, providerID: person.providerID, profileURL: person.profileURL,
        profile: person.profile, sensitiveFields: person.sensitiveFields,
        rawPayload: person.rawPayload, fetchedAt: clock.now(),
        providerUpdatedAt: person.providerUpdatedAt)
      // The suppression list again, in the write's transaction, for the identity the provider answered
      // with (a renamed profile URL can lead to an erased person) and for the one asked about (the person
      // may have been erased while the provider answered; an override given above already stands).
      let answered = PersonReference(
        provider: provider, providerID: person.providerID, profileURL: person.profileURL)
      let suppression = suppression
      let overrideReason = request.suppressionOverrideReason
      let actor = user.id
      let id = try await run { connection in
        try connection.transaction {
          var checks: [PersonReference] = []
          if overrideReason == nil { checks.append(reference) }
          if answered != reference { checks.append(answered) }
          for checked in checks where try suppression(checked, overrideReason, actor, connection) {
            throw Self.suppressedFailure
          }
          return try CandidateStore.upsert(enrichment, confirmation: confirmation, in: connection)
        }
      }
      let entry = try await confirm(id, confirmation, vacancyID: vacancyID, user: user)
      return Outcome(
        candidateID: id, cached: false, created: existing == nil, pipelineEntryID: entry)
    }
  }

  /// Confirms an existing record and, when asked, puts it into the vacancy's pipeline.
  private func confirm(
    _ id: Int64, _ confirmation: CandidateConfirmation, vacancyID: Int64?, user: AuthenticatedUser
  ) async throws(AdminAPIFailure) -> Int64? {
    let audit = audit
    return try await run { connection in
      try connection.transaction {
        try CandidateStore.confirm(id: id, confirmation, in: connection)
        try audit?.record(
          .confirmation, candidateID: id, actor: user.id, at: confirmation.at,
          details: vacancyID.map { ["vacancy_id": String($0)] } ?? [:], in: connection)
        guard let vacancyID else { return nil }
        do {
          return try PipelineStore.confirm(
            candidateID: id, vacancyID: vacancyID, actingUserID: user.id, at: confirmation.at,
            in: connection
          ).id
        } catch PipelineStoreError.alreadyInPipeline(let entryID) {
          return entryID
        }
      }
    }
  }

  /// The answer for a person on the suppression list added without an override reason.
  static let suppressedFailure = AdminAPIFailure(
    status: 409, code: "suppressed",
    message:
      "This person was erased at their request and is on the suppression list; adding them again needs an explicit suppression_override_reason, which is audited."
  )

  /// Maps an enrichment failure to the API's answer.
  static func failure(_ error: EnrichmentError) -> AdminAPIFailure {
    switch error.kind {
    case .budgetExhausted:
      AdminAPIFailure(
        status: 429, code: "budget_exhausted", message: "Today's credit budget is spent.")
    case .malformedResponse:
      AdminAPIFailure(
        status: 502, code: "provider_malformed", message: "The provider's answer could not be read."
      )
    case .unauthorized:
      AdminAPIFailure(
        status: 502, code: "provider_unauthorized", message: "The provider refused our key.")
    case .unavailable, .other:
      AdminAPIFailure(
        status: 503, code: "provider_unavailable",
        message: "The provider is unavailable; try again.")
    }
  }

  private func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T)
    async throws(AdminAPIFailure) -> T
  {
    try await AdminAPI.write(database, body)
  }
}
