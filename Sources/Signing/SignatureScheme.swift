/// How a webhook source signs its deliveries; the `scheme` value of a source in `talentwatch.json`.
public enum SignatureScheme: String, Sendable, CaseIterable {
  /// Standard Webhooks v1: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.
  case standardWebhooks = "standard-webhooks"
  /// Crustdata watch deliveries: `x-crustdata-signature: t=<unix>,v1=<hex>`, keyed by the API key.
  case crustdata
  /// GitHub-style: `x-hub-signature-256: sha256=<hex>` over the body, no signed timestamp.
  case github

  /// The (lowercase) header that carries the delivery id, which is the de-duplication key.
  public var deliveryIDHeader: String {
    switch self {
    case .standardWebhooks: "webhook-id"
    case .crustdata: "x-crustdata-event-id"
    case .github: "x-github-delivery"
    }
  }

  /// The (lowercase) header that carries the signature.
  public var signatureHeader: String {
    switch self {
    case .standardWebhooks: "webhook-signature"
    case .crustdata: "x-crustdata-signature"
    case .github: "x-hub-signature-256"
    }
  }
}
