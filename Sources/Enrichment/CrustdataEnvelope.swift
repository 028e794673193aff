import Foundation

/// Reads Crustdata's enrich response envelope and joins it back to the requested URLs on `matched_on`.
/// Pure.
enum CrustdataEnvelope {
  /// The `person_data` object per matched normalised requested URL, and every requested URL the answer
  /// mentions (matched or not); a requested URL in neither was left out of the answer.
  static func join(body: [UInt8], requested: [String]) throws(EnrichmentError) -> (
    found: [String: Any], answered: Set<String>
  ) {
    guard
      let decoded = try? JSONSerialization.jsonObject(
        with: Data(body), options: [.fragmentsAllowed])
    else { throw EnrichmentError(.malformedResponse, "the enrich response is not JSON") }
    guard let entries = decoded as? [Any] else {
      throw EnrichmentError(.malformedResponse, "the enrich response is not an array")
    }
    let wanted = Set(requested)
    var found: [String: Any] = [:]
    var answered: Set<String> = []
    for entry in entries {
      guard let object = entry as? [String: Any], let matchedOn = object["matched_on"] as? String
      else { throw EnrichmentError(.malformedResponse, "an enrich result has no matched_on") }
      guard let key = ProfileURLBatcher.validProfileURL(matchedOn), wanted.contains(key) else {
        continue
      }
      answered.insert(key)
      let matches: [Any]
      switch object["matches"] {
      case nil, is NSNull: matches = []
      case let list as [Any]: matches = list
      default:
        throw EnrichmentError(.malformedResponse, "an enrich result's matches is not an array")
      }
      guard let first = matches.first else { continue }
      guard let match = first as? [String: Any], let personData = match["person_data"] else {
        throw EnrichmentError(.malformedResponse, "an enrich match has no person_data")
      }
      found[key] = personData
    }
    return (found, answered)
  }
}
