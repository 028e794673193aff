public import Domain
public import Foundation

/// One candidate as the database holds them: identity, mapped career data, times and compliance flags.
public struct CandidateRecord: Sendable, Hashable {
  /// Our own stable candidate id.
  public var id: Int64
  /// The provider that names the person (`crustdata`).
  public var provider: String
  /// The provider's person id, when known.
  public var providerID: String?
  /// The normalised profile URL, when known.
  public var profileURL: String?
  /// The mapped career data; nil until the first enrichment.
  public var profile: CandidateProfile?
  /// The provider's payload as received at the last enrichment.
  public var rawPayload: [UInt8]?
  /// Where the record came from (`talentwatch` for a human-confirmed add, `unknown` for a signal).
  public var source: String
  /// Whether an AI tool proposed the person before the human confirmed them.
  public var aiSourced: Bool
  /// The user who confirmed the add.
  public var confirmedByUserID: String?
  /// When the add was confirmed.
  public var confirmedAt: Date?
  /// When the person entered our database by a human-confirmed add (the retention clock starts here).
  public var sourcedAt: Date?
  /// When we last enriched the person.
  public var enrichedAt: Date?
  /// The provider's own freshness time when given, otherwise our fetch time.
  public var lastVerifiedAt: Date?
  /// When a recruiter first contacted the person.
  public var contactedAt: Date?
  /// When the Art. 14 notice was sent.
  public var art14NoticeSentAt: Date?
  /// The accepted photo URL (only after a recruiter accepted it).
  public var photoURL: String?
  /// When the row was created.
  public var createdAt: Date

  /// Creates a record value.
  public init(
    id: Int64, provider: String, providerID: String?, profileURL: String?, profile: CandidateProfile?,
    rawPayload: [UInt8]?, source: String, aiSourced: Bool, confirmedByUserID: String?,
    confirmedAt: Date?, sourcedAt: Date?, enrichedAt: Date?, lastVerifiedAt: Date?, contactedAt: Date?,
    art14NoticeSentAt: Date?, photoURL: String?, createdAt: Date
  ) {
    self.id = id
    self.provider = provider
    self.providerID = providerID
    self.profileURL = profileURL
    self.profile = profile
    self.rawPayload = rawPayload
    self.source = source
    self.aiSourced = aiSourced
    self.confirmedByUserID = confirmedByUserID
    self.confirmedAt = confirmedAt
    self.sourcedAt = sourcedAt
    self.enrichedAt = enrichedAt
    self.lastVerifiedAt = lastVerifiedAt
    self.contactedAt = contactedAt
    self.art14NoticeSentAt = art14NoticeSentAt
    self.photoURL = photoURL
    self.createdAt = createdAt
  }
}
