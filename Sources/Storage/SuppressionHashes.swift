/// The keyed hashes that identify one person on the suppression list; either may be absent.
public struct SuppressionHashes: Sendable, Hashable {
  /// HMAC of the provider's person id, scoped by provider.
  public var providerIDHash: String?
  /// HMAC of the normalised profile URL.
  public var profileURLHash: String?

  /// Creates the pair.
  public init(providerIDHash: String?, profileURLHash: String?) {
    self.providerIDHash = providerIDHash
    self.profileURLHash = profileURLHash
  }

  /// `true` when neither hash is present (nothing to match on).
  public var isEmpty: Bool { providerIDHash == nil && profileURLHash == nil }
}
