import Foundation

/// A value together with its path: the typed walker adapters use, so every type error names where it happened.
///
/// Accessors throw `AdapterError("<path>: expected <type>")` for a value of the wrong type; absence is
/// handled by the caller (object lookups return nil for a missing member or `null`).
struct JSONNode: Sendable {
  /// The value at this place.
  let value: JSONValue
  /// Where the value sits in the document.
  let path: JSONPath

  /// Parses a body and returns its root node.
  static func parse(_ body: [UInt8]) throws(AdapterError) -> JSONNode {
    JSONNode(value: try JSONParser.parse(body), path: .root)
  }

  /// The value as an object.
  func object() throws(AdapterError) -> JSONObjectNode {
    guard case .object(let members) = value else { throw mismatch("an object") }
    return JSONObjectNode(members: members, path: path)
  }

  /// The value as an array of nodes, each with its index in its path.
  func array() throws(AdapterError) -> [JSONNode] {
    guard case .array(let elements) = value else { throw mismatch("an array") }
    return elements.enumerated().map { JSONNode(value: $1, path: .element(path, $0)) }
  }

  /// The value as a string.
  func string() throws(AdapterError) -> String {
    guard case .string(let text) = value else { throw mismatch("a string") }
    return text
  }

  /// The value as a string, or nil for an empty one (an empty id or URL names nothing).
  func nonEmptyString() throws(AdapterError) -> String? {
    let text = try string()
    return text.isEmpty ? nil : text
  }

  /// The value as a boolean.
  func bool() throws(AdapterError) -> Bool {
    guard case .bool(let flag) = value else { throw mismatch("a boolean") }
    return flag
  }

  /// The value as an array of strings.
  func strings() throws(AdapterError) -> [String] {
    try array().map { (node: JSONNode) throws(AdapterError) -> String in try node.string() }
  }

  /// A provider identifier: an integer (its digits, exactly as written) or a string; nil for an empty string.
  func identifier() throws(AdapterError) -> String? {
    switch value {
    case .number(let lexeme) where !lexeme.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }):
      return lexeme
    case .string(let text):
      return text.isEmpty ? nil : text
    default:
      throw mismatch("an integer or a string")
    }
  }

  /// The value as an ISO 8601 date or date-time (see `ISO8601Timestamp`).
  func date() throws(AdapterError) -> Date {
    guard case .string(let text) = value, let date = ISO8601Timestamp.date(from: text) else {
      throw mismatch("an ISO 8601 date-time")
    }
    return date
  }

  private func mismatch(_ expected: String) -> AdapterError {
    AdapterError(at: path, "expected \(expected)")
  }
}
