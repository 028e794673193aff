import Domain
import Foundation

/// One person the sandbox serves: its `person_data` document and how it is looked up.
struct SandboxPerson: Sendable, Equatable {
  /// The sandbox id: the `crustdata_person_id` as text, or the LinkedIn slug for people without one.
  let key: String
  /// The canonical profile URL (`ProfileURL.normalize` of the document's `profile_url`).
  let canonicalURL: String
  /// The LinkedIn URL as served (`https://www.linkedin.com/in/<slug>`).
  let profileURL: String
  /// The whole document, every section included (contact too).
  var document: JSONValue

  /// Reads a person from a profile document; nil when it names no usable LinkedIn profile URL.
  init?(document: JSONValue) {
    let url =
      document["basic_profile"]?["profile_url"]?.stringValue
      ?? document["professional_network"]?["profile_url"]?.stringValue
    guard let url, let slug = Self.slug(of: url), let canonical = ProfileURL.normalize(url) else {
      return nil
    }
    self.document = document
    self.canonicalURL = canonical
    self.profileURL = "https://www.linkedin.com/in/\(slug)"
    if let id = document["crustdata_person_id"]?.integerValue {
      key = String(id)
    } else {
      key = slug
    }
  }

  /// The `/in/<slug>` of a LinkedIn profile URL, lowercased; nil for anything else (a malformed URL for
  /// the enrich API: another host, another path, extra path segments, no slug).
  static func slug(of text: String) -> String? {
    guard let canonical = ProfileURL.normalize(text),
      canonical.hasPrefix("https://linkedin.com/in/")
    else { return nil }
    let slug = canonical.dropFirst("https://linkedin.com/in/".count)
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_%.")
    guard !slug.isEmpty, slug.allSatisfy({ allowed.contains($0) }) else { return nil }
    return String(slug)
  }

  /// The `person_data` answer holding only `sections` (plus `crustdata_person_id` and `metadata`).
  func personData(sections: Set<String>) -> JSONValue {
    guard case .object(let members) = document else { return document }
    var answer: [String: JSONValue] = [:]
    for (name, value) in members
    where sections.contains(name) || name == "crustdata_person_id" || name == "metadata" {
      answer[name] = value
    }
    return .object(answer)
  }

  /// Credits for returning this person with `sections`: 1, plus 1 for business emails, 2 for personal
  /// emails and 2 for phone numbers when `contact` was asked and the person has them.
  func credits(sections: Set<String>) -> Int {
    var credits = 1
    if sections.contains("contact"), let contact = document["contact"] {
      if contact["business_emails"]?.isNonEmpty == true { credits += 1 }
      if contact["personal_emails"]?.isNonEmpty == true { credits += 2 }
      if contact["phone_numbers"]?.isNonEmpty == true { credits += 2 }
    }
    return credits
  }
}
