public import Domain
public import Foundation

/// What a refresh needs to know about the record before calling the provider: where to look the person up
/// and the profile to compare the answer with.
public struct PlanningRefreshTarget: Sendable, Hashable {
  /// The candidate.
  public var candidateID: Int64
  /// The normalised profile URL the provider is asked about; nil when the record has none.
  public var profileURL: String?
  /// The stored profile; nil when the record was never enriched or its JSON is unreadable.
  public var profile: CandidateProfile?
  /// When the record was last written from the provider.
  public var enrichedAt: Date?

  /// Creates a target.
  public init(
    candidateID: Int64, profileURL: String?, profile: CandidateProfile?, enrichedAt: Date?
  ) {
    self.candidateID = candidateID
    self.profileURL = profileURL
    self.profile = profile
    self.enrichedAt = enrichedAt
  }
}
