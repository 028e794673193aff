/// One active signing key of a webhook source, parsed from its configured text for its scheme.
///
/// The key bytes are never printed: `description`, `debugDescription` and the mirror are redacted.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible,
  CustomReflectable
{
  /// The prefix of Standard Webhooks secrets, removed before Base64 decoding.
  public static let standardWebhooksPrefix = "whsec_"

  /// The scheme this secret was parsed for.
  public let scheme: SignatureScheme
  /// The HMAC key: decoded Base64 for Standard Webhooks, the UTF-8 bytes of the text otherwise.
  let keyBytes: [UInt8]

  /// Parses `text` for `scheme`.
  ///
  /// - standard-webhooks: `whsec_` + Base64 (padded or not, standard or URL-safe alphabet); the key is
  ///   the decoded bytes. Text without the prefix is also read as Base64, as the reference libraries do.
  /// - crustdata: the account's API key; the key is its UTF-8 bytes, verbatim.
  /// - github: the webhook secret; the key is its UTF-8 bytes, verbatim.
  ///
  /// Empty or whitespace-only text (or a bare `whsec_`) throws `.empty`; bad Base64 `.invalidBase64`.
  public init(scheme: SignatureScheme, text: String) throws(SecretError) {
    guard !text.allSatisfy(\.isWhitespace) else { throw .empty }
    self.scheme = scheme
    switch scheme {
    case .standardWebhooks:
      let encoded =
        text.hasPrefix(Self.standardWebhooksPrefix)
        ? String(text.dropFirst(Self.standardWebhooksPrefix.count)) : text
      guard !encoded.isEmpty else { throw .empty }
      guard let decoded = Base64.decode(encoded) else { throw .invalidBase64 }
      guard !decoded.isEmpty else { throw .empty }
      keyBytes = decoded
    case .crustdata, .github:
      keyBytes = Array(text.utf8)
    }
  }

  /// A secret from raw key bytes (e.g. freshly generated with `SecureRandom`); empty throws `.empty`.
  public init(scheme: SignatureScheme, keyBytes: [UInt8]) throws(SecretError) {
    guard !keyBytes.isEmpty else { throw .empty }
    self.scheme = scheme
    self.keyBytes = keyBytes
  }

  /// Always `WebhookSecret(redacted)`.
  public var description: String { "WebhookSecret(redacted)" }

  /// Always `WebhookSecret(redacted)`.
  public var debugDescription: String { description }

  /// A mirror that shows the scheme only, so `dump` cannot print the key.
  public var customMirror: Mirror { Mirror(self, children: ["scheme": scheme]) }
}
