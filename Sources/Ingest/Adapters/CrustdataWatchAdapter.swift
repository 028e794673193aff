import Domain

/// Format `crustdata-watch`: a Crustdata watch run delivered inline (`metadata` + `results[]`).
///
/// Each result is one person (`record.crustdata_person_id`, or a profile URL in the record) with its
/// `changes[]`. `experience.employment_details.current` becomes `job_changed` (from `from[0]`/`to[0]`);
/// `professional_network.open_to_cards` gaining or losing an open-to-work card becomes `open_to_work`; every
/// other field joins one `profile_changed` per person; a result without changes is one `changed`.
/// `metadata.test == true` marks a test delivery, which yields no signals. `detectedAt` is `metadata.delivered_at`.
public struct CrustdataWatchAdapter: PayloadAdapter {
  /// `crustdata-watch`.
  public let format = "crustdata-watch"

  /// The field whose change is a job change.
  static let currentEmploymentField = "experience.employment_details.current"
  /// The field that holds open-to-work cards.
  static let openToCardsField = "professional_network.open_to_cards"
  /// Cards that mean "open to work" (compared case-insensitively).
  static let openToWorkCards: Set<String> = ["CAREER_INTEREST", "OPEN_TO_WORK"]

  /// Creates the adapter.
  public init() {}

  /// Decodes a watch run into signals, person by person in payload order.
  public func decode(_ body: [UInt8]) throws(AdapterError) -> DecodedDelivery {
    let root = try JSONNode.parse(body).object()
    let metadata = try root["metadata"]?.object()
    if try metadata?["test"]?.bool() == true { return DecodedDelivery(signals: [], isTest: true) }
    let detectedAt = try metadata?["delivered_at"]?.date()
    guard let results = try root["results"]?.array() else { throw root.missing("results") }
    var signals: [Signal] = []
    signals.reserveCapacity(results.count)
    for resultNode in results {
      let result = try resultNode.object()
      guard let record = try result["record"]?.object() else { throw result.missing("record") }
      let person = try Self.person(record)
      let changes = try result["changes"]?.array() ?? []
      if changes.isEmpty {
        signals.append(Signal(kind: .changed, person: person, detectedAt: detectedAt))
        continue
      }
      var profileSignalIndex: Int?
      // The fields already listed, so that a body with thousands of changed fields stays linear.
      var listedFields: Set<String> = []
      for changeNode in changes {
        let change = try changeNode.object()
        guard let field = try change["field"]?.string() else { throw change.missing("field") }
        if field == Self.currentEmploymentField {
          signals.append(
            Signal(
              kind: .jobChanged, person: person, detectedAt: detectedAt,
              previous: try Self.firstPosition(change["from"]),
              current: try Self.firstPosition(change["to"])))
        } else if field == Self.openToCardsField, let open = try Self.openToWork(change) {
          signals.append(
            Signal(kind: .openToWork, person: person, detectedAt: detectedAt, openToWork: open))
        } else if let index = profileSignalIndex {
          if listedFields.insert(field).inserted { signals[index].fields.append(field) }
        } else {
          profileSignalIndex = signals.count
          listedFields.insert(field)
          signals.append(
            Signal(kind: .profileChanged, person: person, detectedAt: detectedAt, fields: [field]))
        }
      }
    }
    return DecodedDelivery(signals: signals)
  }

  /// The person a record names: `crustdata_person_id` and the first profile URL found among
  /// `basic_profile.profile_url`, `professional_network.profile_url`, `profile_url`, `linkedin_profile_url`.
  private static func person(_ record: JSONObjectNode) throws(AdapterError) -> PersonReference {
    let id = try record["crustdata_person_id"]?.identifier()
    var url = try record["basic_profile"]?.object()["profile_url"]?.nonEmptyString()
    if url == nil {
      url = try record["professional_network"]?.object()["profile_url"]?.nonEmptyString()
    }
    if url == nil { url = try record["profile_url"]?.nonEmptyString() }
    if url == nil { url = try record["linkedin_profile_url"]?.nonEmptyString() }
    guard id != nil || url != nil else {
      throw AdapterError(at: record.path, "no crustdata_person_id or profile URL")
    }
    return PersonReference(provider: "crustdata", providerID: id, profileURL: url)
  }

  /// The position in the first element of a `from`/`to` array (`name`, `title`, `start_date`).
  private static func firstPosition(_ node: JSONNode?) throws(AdapterError) -> Signal.Position? {
    try node?.array().first?.object().position(
      company: "name", title: "title", startDate: "start_date")
  }

  /// Whether an `open_to_cards` change turned open-to-work on (true) or off (false); nil when it did neither.
  ///
  /// Reads `new_elements` / `removed_elements` when present, else compares `from` with `to`.
  private static func openToWork(_ change: JSONObjectNode) throws(AdapterError) -> Bool? {
    if let added = change["new_elements"], try containsOpenToWork(added) { return true }
    if let removed = change["removed_elements"], try containsOpenToWork(removed) { return false }
    let before = try change["from"].map { (node: JSONNode) throws(AdapterError) in
      try containsOpenToWork(node)
    }
    let after = try change["to"].map { (node: JSONNode) throws(AdapterError) in
      try containsOpenToWork(node)
    }
    guard before != nil || after != nil, (before ?? false) != (after ?? false) else { return nil }
    return after ?? false
  }

  /// Whether an array of cards holds an open-to-work card; a card is a string or an object with a
  /// string `type` or `card_type`.
  private static func containsOpenToWork(_ cards: JSONNode) throws(AdapterError) -> Bool {
    for card in try cards.array() {
      let name: String?
      switch card.value {
      case .string(let text): name = text
      case .object:
        let object = try card.object()
        name = try (object["type"] ?? object["card_type"])?.string()
      default: name = nil
      }
      if let name, openToWorkCards.contains(name.uppercased()) { return true }
    }
    return false
  }
}
