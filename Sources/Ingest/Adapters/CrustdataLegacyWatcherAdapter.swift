import Domain

/// Format `crustdata-legacy-watcher`: Crustdata's retired watcher notifications, still found in stored data.
///
/// `profile_url` names the person. Each `changes.position_changes.new_positions[]` is a `job_changed` whose
/// current position comes from `details` (`employer_name`, `employee_title`, `start_date`; no detection time
/// is given). The keys of `changes.field_changes` form one `profile_changed`; `changed_positions` without any
/// new position adds the field `position_changes.changed_positions`. A notification with none of these is one
/// `changed`.
public struct CrustdataLegacyWatcherAdapter: PayloadAdapter {
  /// `crustdata-legacy-watcher`.
  public let format = "crustdata-legacy-watcher"

  /// Creates the adapter.
  public init() {}

  /// Decodes one legacy watcher notification (one person).
  public func decode(_ body: [UInt8]) throws(AdapterError) -> DecodedDelivery {
    let root = try JSONNode.parse(body).object()
    guard let url = try root["profile_url"]?.nonEmptyString() else {
      throw root.missing("profile_url")
    }
    let person = PersonReference(provider: "crustdata", profileURL: url)
    let changes = try root["changes"]?.object()
    let positionChanges = try changes?["position_changes"]?.object()
    var signals: [Signal] = []
    for positionNode in try positionChanges?["new_positions"]?.array() ?? [] {
      let current = try positionNode.object()["details"]?.object().position(
        company: "employer_name", title: "employee_title", startDate: "start_date")
      signals.append(Signal(kind: .jobChanged, person: person, current: current))
    }
    var fields = try changes?["field_changes"]?.object().keys ?? []
    if signals.isEmpty, try positionChanges?["changed_positions"]?.array().isEmpty == false {
      fields.append("position_changes.changed_positions")
    }
    if !fields.isEmpty {
      signals.append(Signal(kind: .profileChanged, person: person, fields: fields))
    }
    if signals.isEmpty { signals.append(Signal(kind: .changed, person: person)) }
    return DecodedDelivery(signals: signals)
  }
}
