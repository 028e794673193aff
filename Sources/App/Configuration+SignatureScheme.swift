extension Configuration {
  /// How a source signs its webhook deliveries; names as written in the configuration file.
  public enum SignatureScheme: String, Sendable, Equatable, CaseIterable {
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.
    case standardWebhooks = "standard-webhooks"
    /// Crustdata's watcher deliveries.
    case crustdata
    /// GitHub-style `X-Hub-Signature-256: sha256=<hex>`.
    case github
  }
}
