import Domain
public import Foundation

/// Maps Crustdata's `person_data` JSON to our record: the career profile, the sensitive fields held as
/// pending, the provider id and the provider's freshness time. Pure.
///
/// Tolerant of missing sections and extra fields; a field of the wrong type is a malformed answer
/// (`EnrichmentError.malformedResponse`), so the record is left untouched.
public enum CrustdataMapper {
  /// Maps one decoded `person_data` object; `profileURL` is the normalised URL it was matched on.
  public static func person(from personData: Any, profileURL: String) throws(EnrichmentError)
    -> EnrichedPerson
  {
    guard let data = personData as? [String: Any] else { throw malformed("person_data") }
    let basic = try object(data, "basic_profile") ?? [:]
    let network = try object(data, "professional_network") ?? [:]
    let experienceSection = try object(data, "experience")
    var employmentSection: [String: Any]?
    if let experienceSection {
      employmentSection = try object(experienceSection, "employment_details")
    }
    let employment = employmentSection ?? [:]
    let currentRaw = try objects(employment, "current")
    let pastRaw = try objects(employment, "past")

    var current: [(CandidateProfile.WorkExperience, Bool)] = []
    for item in currentRaw {
      let position = try work(item, isCurrent: true)
      current.append((position, try bool(item, "is_default") ?? false))
    }
    // The primary position: the one marked default; among several (or none marked), the latest start,
    // then company and title, so the same positions returned in another order pick the same one (a
    // different pick would read as a job change).
    current.sort { lhs, rhs in
      if lhs.1 != rhs.1 { return lhs.1 }
      let (left, right) = (lhs.0, rhs.0)
      if (left.startDate ?? "") != (right.startDate ?? "") {
        return (left.startDate ?? "") > (right.startDate ?? "")
      }
      if left.company != right.company { return left.company < right.company }
      return left.title < right.title
    }
    var past: [CandidateProfile.WorkExperience] = []
    for item in pastRaw { past.append(try work(item, isCurrent: false)) }
    past.sort { ($0.startDate ?? "") > ($1.startDate ?? "") }
    let primary = current.first?.0

    var schools: [CandidateProfile.Education] = []
    if let education = try object(data, "education") {
      for item in try objects(education, "schools") {
        schools.append(
          CandidateProfile.Education(
            school: try string(item, "school") ?? "", degree: try string(item, "degree"),
            fieldOfStudy: try string(item, "field_of_study"),
            startYear: try int(item, "start_year"),
            endYear: try int(item, "end_year")))
      }
    }
    var skills: [String] = []
    if let skillsSection = try object(data, "skills") {
      skills = try strings(skillsSection, "professional_network_skills")
    }
    let openCards = try array(network, "open_to_cards") ?? []
    let basicTitle = try string(basic, "current_title")
    let profile = CandidateProfile(
      name: try string(basic, "name") ?? "", headline: try string(basic, "headline"),
      currentTitle: primary?.title ?? basicTitle,
      currentCompany: primary?.company, location: try location(basic),
      workHistory: current.map(\.0) + past, education: schools, skills: skills,
      openToWork: !openCards.isEmpty)

    var sensitive: [String: String] = [:]
    if let photo = try string(network, "profile_picture_permalink"), !photo.isEmpty {
      sensitive["photo_url"] = photo
    }
    var providerID: String?
    switch data["crustdata_person_id"] {
    case nil, is NSNull: providerID = nil
    case let text as String: providerID = text.isEmpty ? nil : text
    case let number as NSNumber where !isBoolean(number): providerID = number.stringValue
    default: throw malformed("crustdata_person_id")
    }
    var updatedAt: Date?
    if let metadata = try object(data, "metadata"), let text = try string(metadata, "updated_at") {
      guard let date = parseDate(text) else { throw malformed("metadata.updated_at") }
      updatedAt = date
    }
    // The raw payload keeps everything but what is held pending a recruiter's decision: the photo stays
    // out of the record until accepted, so it must not sit in the raw payload either.
    var kept = data
    if var section = kept["professional_network"] as? [String: Any] {
      section.removeValue(forKey: "profile_picture_permalink")
      kept["professional_network"] = section
    }
    let raw =
      (try? JSONSerialization.data(
        withJSONObject: kept, options: [.sortedKeys, .withoutEscapingSlashes]))
      .map { [UInt8]($0) } ?? []
    return EnrichedPerson(
      providerID: providerID, profileURL: profileURL, profile: profile, sensitiveFields: sensitive,
      rawPayload: raw, providerUpdatedAt: updatedAt, employmentKnown: employmentSection != nil)
  }

  /// Parses the provider's date-time forms: RFC 3339 with or without fractions, or a zone-less
  /// `YYYY-MM-DDTHH:MM:SS` read as UTC.
  public static func parseDate(_ text: String) -> Date? {
    let full = ISO8601DateFormatter()
    if let date = full.date(from: text) { return date }
    full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = full.date(from: text) { return date }
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [
      .withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate,
    ]
    plain.timeZone = TimeZone(identifier: "UTC")
    if let date = plain.date(from: String(text.prefix(19))) { return date }
    plain.formatOptions = [.withFullDate, .withDashSeparatorInDate]
    return plain.date(from: String(text.prefix(10)))
  }

  private static func work(_ item: [String: Any], isCurrent: Bool) throws(EnrichmentError)
    -> CandidateProfile.WorkExperience
  {
    CandidateProfile.WorkExperience(
      company: try string(item, "name") ?? "", title: try string(item, "title") ?? "",
      startDate: try string(item, "start_date").map { String($0.prefix(10)) },
      endDate: try string(item, "end_date").map { String($0.prefix(10)) }, isCurrent: isCurrent,
      seniority: try string(item, "seniority_level"))
  }

  private static func location(_ basic: [String: Any]) throws(EnrichmentError)
    -> CandidateProfile.Location?
  {
    switch basic["location"] {
    case nil, is NSNull: return nil
    case let text as String: return text.isEmpty ? nil : CandidateProfile.Location(raw: text)
    case let value as [String: Any]:
      let city = try string(value, "city")
      let region = try string(value, "state")
      let country = try string(value, "country")
      let raw =
        try string(value, "raw")
        ?? [city, region, country].compactMap { $0 }.joined(separator: ", ")
      return raw.isEmpty
        ? nil : CandidateProfile.Location(raw: raw, city: city, region: region, country: country)
    default: throw malformed("basic_profile.location")
    }
  }

  private static func malformed(_ field: String) -> EnrichmentError {
    EnrichmentError(.malformedResponse, "person_data field \(field) has an unexpected type")
  }

  private static func object(_ data: [String: Any], _ key: String) throws(EnrichmentError)
    -> [String: Any]?
  {
    switch data[key] {
    case nil, is NSNull: return nil
    case let value as [String: Any]: return value
    default: throw malformed(key)
    }
  }

  private static func array(_ data: [String: Any], _ key: String) throws(EnrichmentError) -> [Any]?
  {
    switch data[key] {
    case nil, is NSNull: return nil
    case let value as [Any]: return value
    default: throw malformed(key)
    }
  }

  private static func objects(_ data: [String: Any], _ key: String) throws(EnrichmentError)
    -> [[String: Any]]
  {
    guard let items = try array(data, key) else { return [] }
    var result: [[String: Any]] = []
    for item in items {
      guard let value = item as? [String: Any] else { throw malformed(key) }
      result.append(value)
    }
    return result
  }

  private static func strings(_ data: [String: Any], _ key: String) throws(EnrichmentError)
    -> [String]
  {
    guard let items = try array(data, key) else { return [] }
    var result: [String] = []
    for item in items {
      guard let value = item as? String else { throw malformed(key) }
      result.append(value)
    }
    return result
  }

  private static func string(_ data: [String: Any], _ key: String) throws(EnrichmentError)
    -> String?
  {
    switch data[key] {
    case nil, is NSNull: return nil
    case let value as String: return value
    default: throw malformed(key)
    }
  }

  private static func int(_ data: [String: Any], _ key: String) throws(EnrichmentError) -> Int? {
    switch data[key] {
    case nil, is NSNull: return nil
    case let value as NSNumber where !isBoolean(value): return value.intValue
    default: throw malformed(key)
    }
  }

  private static func bool(_ data: [String: Any], _ key: String) throws(EnrichmentError) -> Bool? {
    switch data[key] {
    case nil, is NSNull: return nil
    case let value as NSNumber where isBoolean(value): return value.boolValue
    default: throw malformed(key)
    }
  }

  private static func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
  }
}
