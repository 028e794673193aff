public import Domain
public import Foundation

/// What the rest of talentwatch needs from an enrichment provider. The Crustdata-compatible client
/// implements it over HTTP; the provider sandbox serves the same API for the demo and the tests.
public protocol PersonEnricher: Sendable {
  /// Enriches people by profile URL. Invalid URLs are answered `.invalidURL` without being sent (one bad
  /// URL fails a whole provider batch); batching, rate limiting and retries are the implementation's.
  /// Every call that costs credits is reported to the implementation's credit recorder with `purpose`.
  func enrich(profileURLs: [String], purpose: EnrichmentPurpose) async throws(EnrichmentError)
    -> [EnrichmentOutcome]

  /// Fetches a person's contact data (billed separately); nil when the provider has none.
  func fetchContactData(profileURL: String, purpose: EnrichmentPurpose)
    async throws(EnrichmentError)
    -> ContactData?
}

/// Why credits are being spent, and on whom: written to the credit ledger with every charge.
public struct EnrichmentPurpose: Sendable, Hashable {
  /// `add`, `refresh`, `contact`, ...
  public var reason: String
  /// The candidates served (empty for a first add, before the candidate has an id).
  public var candidateIDs: [Int64]

  /// Creates a purpose.
  public init(reason: String, candidateIDs: [Int64] = []) {
    self.reason = reason
    self.candidateIDs = candidateIDs
  }
}

/// The answer for one requested profile URL.
public struct EnrichmentOutcome: Sendable, Hashable {
  /// What came back for the URL.
  public enum Result: Sendable, Hashable {
    /// The provider found the person.
    case matched(EnrichedPerson)
    /// The provider does not know this URL: a result, not an error.
    case noMatch
    /// The URL is not a profile URL; it was not sent.
    case invalidURL
    /// The provider's answer did not mention the URL at all (neither a match nor an empty one): worth
    /// asking again later, not a verdict on the person.
    case unanswered
    /// The provider matched the person but their record could not be read (a value of the wrong type);
    /// billed all the same.
    case unreadable(String)
  }

  /// The URL as the caller gave it.
  public var requestedURL: String
  /// The result.
  public var result: Result

  /// Creates an outcome.
  public init(requestedURL: String, result: Result) {
    self.requestedURL = requestedURL
    self.result = result
  }
}

/// One person as the provider describes them, mapped to our record.
public struct EnrichedPerson: Sendable, Hashable {
  /// The provider's own id (`crustdata_person_id`), when given.
  public var providerID: String?
  /// The profile URL, normalised.
  public var profileURL: String
  /// The mapped career data (auto-filled columns).
  public var profile: CandidateProfile
  /// Fields that can bias a decision (photo URL, sensitive attributes): held as pending until a recruiter
  /// accepts them, never written into the record silently. Keyed by field name (`photo_url`).
  public var sensitiveFields: [String: String]
  /// The provider's payload for this person, as received, to back-fill later columns without paying again.
  public var rawPayload: [UInt8]
  /// The provider's own freshness time (`metadata.updated_at`), when given.
  public var providerUpdatedAt: Date?
  /// Whether the answer said anything about employment. Without it the current position and the work
  /// history in `profile` are unknown, not empty: a refresh keeps what the record held.
  public var employmentKnown: Bool

  /// Creates an enriched person.
  public init(
    providerID: String?, profileURL: String, profile: CandidateProfile,
    sensitiveFields: [String: String] = [:], rawPayload: [UInt8] = [],
    providerUpdatedAt: Date? = nil, employmentKnown: Bool = true
  ) {
    self.providerID = providerID
    self.profileURL = profileURL
    self.profile = profile
    self.sensitiveFields = sensitiveFields
    self.rawPayload = rawPayload
    self.providerUpdatedAt = providerUpdatedAt
    self.employmentKnown = employmentKnown
  }

  /// This person with the employment of `earlier` when the answer said nothing about employment.
  public func keepingEmployment(of earlier: CandidateProfile?) -> EnrichedPerson {
    guard !employmentKnown, let earlier else { return self }
    var kept = self
    kept.profile.currentTitle = earlier.currentTitle
    kept.profile.currentCompany = earlier.currentCompany
    kept.profile.workHistory = earlier.workHistory
    return kept
  }
}

/// A person's contact data.
public struct ContactData: Sendable, Hashable, Codable {
  /// Email addresses.
  public var emails: [String]
  /// Phone numbers.
  public var phones: [String]

  /// Creates contact data.
  public init(emails: [String], phones: [String]) {
    self.emails = emails
    self.phones = phones
  }
}

/// Why an enrichment call failed after its retries. Never carries payloads or personal data.
public struct EnrichmentError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of failure.
  public enum Kind: String, Sendable, Hashable {
    /// The provider kept answering 429/5xx or timing out.
    case unavailable
    /// The provider's answer could not be read; the record is left untouched.
    case malformedResponse = "malformed_response"
    /// The daily credit budget does not allow this call.
    case budgetExhausted = "budget_exhausted"
    /// The provider refused our key.
    case unauthorized
    /// Anything else.
    case other
  }

  /// The kind.
  public var kind: Kind
  /// A human sentence without payload values.
  public var message: String

  /// Creates an error.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// `kind: message`.
  public var description: String { "\(kind.rawValue): \(message)" }
}
