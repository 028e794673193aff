public import Domain
public import Foundation

/// What one enrichment told us about a person, in the shape the candidate store writes.
public struct CandidateEnrichment: Sendable, Hashable {
  /// The provider (`crustdata`).
  public var provider: String
  /// The provider's person id, when given.
  public var providerID: String?
  /// The profile URL (normalised by the store).
  public var profileURL: String
  /// The mapped career data.
  public var profile: CandidateProfile
  /// Fields that can bias a decision, held as pending (`photo_url`).
  public var sensitiveFields: [String: String]
  /// The provider's payload as received.
  public var rawPayload: [UInt8]
  /// When we fetched it.
  public var fetchedAt: Date
  /// The provider's own freshness time (`metadata.updated_at`), when given.
  public var providerUpdatedAt: Date?

  /// Creates an enrichment value.
  public init(
    provider: String, providerID: String?, profileURL: String, profile: CandidateProfile,
    sensitiveFields: [String: String] = [:], rawPayload: [UInt8] = [], fetchedAt: Date,
    providerUpdatedAt: Date? = nil
  ) {
    self.provider = provider
    self.providerID = providerID
    self.profileURL = profileURL
    self.profile = profile
    self.sensitiveFields = sensitiveFields
    self.rawPayload = rawPayload
    self.fetchedAt = fetchedAt
    self.providerUpdatedAt = providerUpdatedAt
  }

  /// `last_verified_at`: the provider's freshness time when given, otherwise the fetch time.
  public var verifiedAt: Date { providerUpdatedAt ?? fetchedAt }
}
