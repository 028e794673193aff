import Domain

/// Format `coresignal`: notification-only subscription payloads, `[{"member_id": 125, "status": "changed"}]`.
///
/// Every element becomes one `changed` signal for provider `coresignal` with `providerID` = `member_id`:
/// the payload says only that something happened, and the record must be fetched to know what. The statuses
/// `changed`, `started_matching_query` and `stopped_matching_query` (and any other) all map to `changed`,
/// because each is a reason to look at the record again; `status`, when present, must be a string.
public struct CoresignalAdapter: PayloadAdapter {
  /// `coresignal`.
  public let format = "coresignal"

  /// Creates the adapter.
  public init() {}

  /// Decodes a notification array into one `changed` signal per member, in payload order.
  public func decode(_ body: [UInt8]) throws(AdapterError) -> DecodedDelivery {
    let elements = try JSONNode.parse(body).array()
    var signals: [Signal] = []
    signals.reserveCapacity(elements.count)
    for element in elements {
      let notification = try element.object()
      guard let memberID = try notification["member_id"]?.identifier() else {
        throw notification.missing("member_id")
      }
      _ = try notification["status"]?.string()
      signals.append(
        Signal(
          kind: .changed, person: PersonReference(provider: "coresignal", providerID: memberID)))
    }
    return DecodedDelivery(signals: signals)
  }
}
