public import Domain
import Signing

/// Keyed hashes (HMAC-SHA256 with the configured pepper) that stand for a person without naming them:
/// the audit log's subject key and the suppression list's identity hashes.
///
/// Without the pepper the hashes cannot be recomputed from guessed identifiers; with it, the same person
/// always hashes the same way, so an erased person is recognised when a provider names them again.
public struct Pseudonymizer: Sendable {
  private let key: HMACSHA256Key

  /// A pseudonymizer keyed with `pepper` (its UTF-8 bytes).
  public init(pepper: String) {
    key = HMACSHA256Key(Array(pepper.utf8))
  }

  /// The audit subject key of candidate `candidateID` created at `createdAtMilliseconds` (the creation
  /// time keeps a reused row id from sharing a key with an earlier, purged person).
  public func subjectKey(candidateID: Int64, createdAtMilliseconds: Int64) -> String {
    hash("subject", "candidate:\(candidateID):\(createdAtMilliseconds)")
  }

  /// The keyed hash of a provider's person id (scoped by the provider's name), or nil when absent.
  public func providerIDHash(provider: String, providerID: String?) -> String? {
    guard let providerID, !providerID.isEmpty else { return nil }
    return hash("provider-id", "\(provider.lowercased()):\(providerID)")
  }

  /// The keyed hash of a profile URL after normalisation, or nil when absent or not a profile URL.
  public func profileURLHash(_ profileURL: String?) -> String? {
    guard let normalized = profileURL.flatMap(ProfileURL.normalize) else { return nil }
    return hash("profile-url", normalized)
  }

  /// Both identity hashes of a person reference.
  public func identityHashes(_ reference: PersonReference) -> SuppressionHashes {
    SuppressionHashes(
      providerIDHash: providerIDHash(
        provider: reference.provider, providerID: reference.providerID),
      profileURLHash: profileURLHash(reference.profileURL))
  }

  private func hash(_ domain: String, _ value: String) -> String {
    Hex.encode(key.authenticationCode(messageParts: [Array(domain.utf8), [0], Array(value.utf8)]))
  }
}
