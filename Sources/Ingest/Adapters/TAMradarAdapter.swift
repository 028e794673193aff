import Domain

/// Format `tamradar`: TAMradar `contact_job_changes` radar findings, one person per delivery.
///
/// `{"event_type": "radar_finding", "discovered_at", "content": {"change_type", "profile_url", "new_role",
/// "previous_role"}}` becomes one `job_changed` (roles read `company_name`, `title`, `start_date`; for a
/// `departure` the current position is nil). `detectedAt` is `discovered_at`. Another `event_type` is an error.
public struct TAMradarAdapter: PayloadAdapter {
  /// `tamradar`.
  public let format = "tamradar"

  /// Creates the adapter.
  public init() {}

  /// Decodes one radar finding.
  public func decode(_ body: [UInt8]) throws(AdapterError) -> DecodedDelivery {
    let root = try JSONNode.parse(body).object()
    if let eventType = root["event_type"], try eventType.string() != "radar_finding" {
      throw AdapterError(at: eventType.path, "unsupported event type")
    }
    guard let content = try root["content"]?.object() else { throw root.missing("content") }
    guard let url = try content["profile_url"]?.nonEmptyString() else {
      throw content.missing("profile_url")
    }
    let changeType = try content["change_type"]?.string()
    let previous = try content["previous_role"]?.object().position(
      company: "company_name", title: "title", startDate: "start_date")
    let current = try content["new_role"]?.object().position(
      company: "company_name", title: "title", startDate: "start_date")
    let signal = Signal(
      kind: .jobChanged, person: PersonReference(provider: "tamradar", profileURL: url),
      detectedAt: try root["discovered_at"]?.date(), previous: previous,
      current: changeType == "departure" ? nil : current)
    return DecodedDelivery(signals: [signal])
  }
}
