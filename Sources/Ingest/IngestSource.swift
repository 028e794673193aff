public import Signing

/// One configured webhook source: how its deliveries are verified and read.
public struct IngestSource: Sendable {
  /// The `{source}` path segment.
  public var name: String
  /// The signature scheme and its active secrets.
  public var verifier: WebhookVerifier
  /// The scheme's name, as stored with each delivery.
  public let scheme: SignatureScheme
  /// The payload format, naming the adapter.
  public var format: String
  /// The headers kept with a delivery of this scheme: ids, timestamps and event names, never signatures
  /// (worked out once here, not per request).
  let keptHeaderNames: [String]

  /// Creates a source.
  public init(name: String, scheme: SignatureScheme, format: String, verifier: WebhookVerifier) {
    self.name = name
    self.scheme = scheme
    self.format = format
    self.verifier = verifier
    self.keptHeaderNames = Self.keptHeaderNames(for: scheme)
  }

  /// The headers kept with a delivery of this scheme: ids, timestamps and event names, never signatures.
  private static func keptHeaderNames(for scheme: SignatureScheme) -> [String] {
    let common = ["content-type", "user-agent"]
    switch scheme {
    case .standardWebhooks: return common + ["webhook-id", "webhook-timestamp"]
    case .crustdata: return common + ["x-crustdata-event-id"]
    case .github: return common + ["x-github-delivery", "x-github-event", "x-github-hook-id"]
    }
  }
}
