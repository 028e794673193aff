import Foundation

/// A scripted change to one person (`POST /_sandbox/people/{id}/change`), applied to the served document.
///
/// Pure: `apply` returns the edited document and the watch `changes[]` describing it.
struct ProfileChange: Sendable, Equatable {
  /// What happens to the person.
  enum Kind: String, Sendable, CaseIterable {
    /// Starts a new current position (`company` required, `title` optional).
    case newJob = "new_job"
    /// Adds an open-to-work (`CAREER_INTEREST`) card.
    case openToWork = "open_to_work"
    /// Removes the open-to-work cards.
    case notOpenToWork = "not_open_to_work"
    /// Changes the location (`location` required, `City, Region, Country`).
    case moved
  }

  /// Why a change cannot be applied; `field` names the offending body field, if any.
  struct Failure: Error, Equatable {
    /// The HTTP status to answer (409 for a change that changes nothing, 422 for a bad body).
    let status: Int
    /// A short code for the error body.
    let code: String
    /// A sentence without personal data.
    let message: String
  }

  /// The kind.
  var kind: Kind
  /// The new employer for `new_job`.
  var company: String?
  /// The new title for `new_job` (defaults to the current title).
  var title: String?
  /// The new location for `moved`.
  var location: String?
  /// The delivery id to use instead of the derived one.
  var eventID: String?

  /// The card types that mean "open to work".
  static let openToWorkCards: Set<String> = ["CAREER_INTEREST", "OPEN_TO_WORK"]

  /// Reads a change from a request body.
  init(body: [UInt8]) throws(Failure) {
    guard let json = JSONValue.parse(body), json.objectValue != nil else {
      throw Failure(status: 422, code: "invalid_body", message: "The body is not a JSON object.")
    }
    guard let kindText = json["kind"]?.stringValue, let kind = Kind(rawValue: kindText) else {
      throw Failure(
        status: 422, code: "invalid_kind",
        message: "kind: expected new_job, open_to_work, not_open_to_work or moved.")
    }
    self.kind = kind
    company = json["company"]?.stringValue
    title = json["title"]?.stringValue
    location = json["location"]?.stringValue
    eventID = json["event_id"]?.stringValue
    if let eventID,
      eventID.isEmpty
        || eventID.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true })
    {
      throw Failure(
        status: 422, code: "invalid_event_id", message: "event_id: expected a header-safe id.")
    }
    if kind == .newJob, (company ?? "").isEmpty {
      throw Failure(status: 422, code: "missing_company", message: "company: required for new_job.")
    }
    if kind == .moved, (location ?? "").isEmpty {
      throw Failure(status: 422, code: "missing_location", message: "location: required for moved.")
    }
  }

  /// The document after the change and the watch `changes[]` entries; `now` dates the new position
  /// and `metadata.updated_at`.
  func apply(to document: JSONValue, now: Date) throws(Failure) -> (
    document: JSONValue, changes: [JSONValue]
  ) {
    var document = document
    var changes: [JSONValue] = []
    let timestamp = now.formatted(.iso8601)
    let day = String(timestamp.prefix(10)) + "T00:00:00"
    switch kind {
    case .newJob:
      let company = company ?? ""
      let oldTitle = document["basic_profile"]?["current_title"]?.stringValue
      let newTitle = title ?? oldTitle ?? "Employee"
      let current = document["experience"]?["employment_details"]?["current"]?.arrayValue ?? []
      let past = document["experience"]?["employment_details"]?["past"]?.arrayValue ?? []
      let ended = current.map { entry -> JSONValue in
        var entry = entry
        entry["end_date"] = .string(day)
        entry["is_default"] = .bool(false)
        return entry
      }
      let position: JSONValue = .object([
        "name": .string(company), "title": .string(newTitle), "start_date": .string(day),
        "end_date": .null, "is_default": .bool(true), "employment_type": .string("Full-time"),
      ])
      var experience = document["experience"] ?? .object([:])
      experience["employment_details"] = .object([
        "current": .array([position]), "past": .array(ended + past),
      ])
      document["experience"] = experience
      changes.append(
        .object([
          "field": "experience.employment_details.current", "type": "changed",
          "from": .array(current), "to": .array([position]),
        ]))
      var basic = document["basic_profile"] ?? .object([:])
      let oldHeadline = basic["headline"] ?? .null
      let newHeadline = JSONValue.string("\(newTitle) at \(company)")
      basic["current_title"] = .string(newTitle)
      basic["headline"] = newHeadline
      document["basic_profile"] = basic
      if oldTitle != newTitle {
        changes.append(
          .object([
            "field": "basic_profile.current_title", "type": "changed",
            "from": oldTitle.map(JSONValue.string) ?? .null, "to": .string(newTitle),
          ]))
      }
      if oldHeadline != newHeadline {
        changes.append(
          .object([
            "field": "basic_profile.headline", "type": "changed", "from": oldHeadline,
            "to": newHeadline,
          ]))
      }
    case .openToWork, .notOpenToWork:
      var network = document["professional_network"] ?? .object([:])
      let cards = network["open_to_cards"]?.arrayValue ?? []
      let isOpen = cards.contains { Self.isOpenToWorkCard($0) }
      if kind == .openToWork {
        guard !isOpen else {
          throw Failure(
            status: 409, code: "unchanged", message: "The person is already open to work.")
        }
        let title = document["basic_profile"]?["current_title"]?.stringValue ?? "New"
        let card: JSONValue = .object([
          "card_type": "CAREER_INTEREST", "title": "Open to work",
          "description": .string("\(title) roles"),
        ])
        network["open_to_cards"] = .array(cards + [card])
        changes.append(
          .object([
            "field": "professional_network.open_to_cards", "type": "added",
            "new_elements": .array(["CAREER_INTEREST"]),
          ]))
      } else {
        guard isOpen else {
          throw Failure(status: 409, code: "unchanged", message: "The person is not open to work.")
        }
        let removed = cards.filter { Self.isOpenToWorkCard($0) }
        network["open_to_cards"] = .array(cards.filter { !Self.isOpenToWorkCard($0) })
        changes.append(
          .object([
            "field": "professional_network.open_to_cards", "type": "removed",
            "removed_elements": .array(
              removed.compactMap { $0["card_type"]?.stringValue }.map(JSONValue.string)),
          ]))
      }
      document["professional_network"] = network
    case .moved:
      let raw = location ?? ""
      let parts = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      var newLocation: [String: JSONValue] = ["raw": .string(raw)]
      if let city = parts.first { newLocation["city"] = .string(city) }
      if parts.count >= 3 { newLocation["state"] = .string(parts[1]) }
      if parts.count >= 2, let country = parts.last { newLocation["country"] = .string(country) }
      var basic = document["basic_profile"] ?? .object([:])
      let old = basic["location"] ?? .null
      guard old["raw"]?.stringValue != raw else {
        throw Failure(status: 409, code: "unchanged", message: "The person already lives there.")
      }
      basic["location"] = .object(newLocation)
      document["basic_profile"] = basic
      changes.append(
        .object([
          "field": "basic_profile.location", "type": "changed",
          "from": .object(["raw": old["raw"] ?? .null]), "to": .object(["raw": .string(raw)]),
        ]))
    }
    var metadata = document["metadata"] ?? .object([:])
    metadata["updated_at"] = .string(timestamp)
    document["metadata"] = metadata
    return (document, changes)
  }

  /// Whether a card (a string or an object with `card_type`/`type`) means open to work.
  static func isOpenToWorkCard(_ card: JSONValue) -> Bool {
    let type = card.stringValue ?? card["card_type"]?.stringValue ?? card["type"]?.stringValue
    return type.map { openToWorkCards.contains($0) } ?? false
  }
}
