/// How a provider names a person: its own id, a profile URL, or both.
public struct PersonReference: Sendable, Hashable, Codable {
  /// The provider that names the person (`crustdata`, `coresignal`, ...).
  public var provider: String
  /// The provider's own person id, as text (Crustdata's `crustdata_person_id`, Coresignal's `member_id`).
  public var providerID: String?
  /// The profile URL as the provider gave it; normalise with `ProfileURL.normalize` before comparing.
  public var profileURL: String?

  /// Creates a reference; at least one of `providerID` and `profileURL` should be set.
  public init(provider: String, providerID: String? = nil, profileURL: String? = nil) {
    self.provider = provider
    self.providerID = providerID
    self.profileURL = profileURL
  }
}
