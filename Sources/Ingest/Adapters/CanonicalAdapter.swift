import Domain

/// Format `canonical`: talentwatch's own Standard Webhooks events (`person.job_changed`, ...).
///
/// Envelope `{"type", "timestamp", "data"}`; `data.person = {"provider", "id", "profile_url"}`; `detected_at`
/// falls back to the envelope `timestamp`. Types `test` and `webhook.test` are test deliveries; any other
/// unknown type is an error, so the delivery is quarantined rather than silently dropped.
public struct CanonicalAdapter: PayloadAdapter {
  /// `canonical`.
  public let format = "canonical"

  /// Creates the adapter.
  public init() {}

  /// Decodes one canonical event into at most one signal.
  public func decode(_ body: [UInt8]) throws(AdapterError) -> DecodedDelivery {
    let envelope = try JSONNode.parse(body).object()
    guard let typeNode = envelope["type"] else { throw envelope.missing("type") }
    let kind: Signal.Kind
    switch try typeNode.string() {
    case "test", "webhook.test": return DecodedDelivery(signals: [], isTest: true)
    case "person.job_changed": kind = .jobChanged
    case "person.open_to_work": kind = .openToWork
    case "person.profile_changed": kind = .profileChanged
    case "person.changed": kind = .changed
    default: throw AdapterError(at: typeNode.path, "unknown event type")
    }
    let timestamp = try envelope["timestamp"]?.date()
    guard let data = try envelope["data"]?.object() else { throw envelope.missing("data") }
    guard let personNode = try data["person"]?.object() else { throw data.missing("person") }
    var signal = Signal(
      kind: kind, person: try Self.person(personNode),
      detectedAt: try data["detected_at"]?.date() ?? timestamp)
    switch kind {
    case .jobChanged:
      signal.previous = try data["previous"]?.object().position(
        company: "company", title: "title", startDate: "start_date")
      signal.current = try data["current"]?.object().position(
        company: "company", title: "title", startDate: "start_date")
    case .openToWork:
      guard let open = try data["open"]?.bool() else { throw data.missing("open") }
      signal.openToWork = open
    case .profileChanged:
      guard let fields = try data["fields"]?.strings() else { throw data.missing("fields") }
      signal.fields = fields
    case .changed:
      break
    }
    return DecodedDelivery(signals: [signal])
  }

  /// Reads `data.person`: a provider name and at least one of `id` (string or integer) and `profile_url`.
  private static func person(_ node: JSONObjectNode) throws(AdapterError) -> PersonReference {
    guard let provider = try node["provider"]?.nonEmptyString() else {
      throw node.missing("provider")
    }
    let id = try node["id"]?.identifier()
    let url = try node["profile_url"]?.nonEmptyString()
    guard id != nil || url != nil else {
      throw AdapterError(at: node.path, "no id or profile_url")
    }
    return PersonReference(
      provider: provider, providerID: id, profileURL: url)
  }
}
