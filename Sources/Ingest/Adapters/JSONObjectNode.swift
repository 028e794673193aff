import Domain

/// An object with its path: member lookup for adapters, with `null` treated like a missing member.
struct JSONObjectNode: Sendable {
  /// The members in payload order.
  let members: [JSONValue.Member]
  /// Where the object sits in the document.
  let path: JSONPath

  /// The member named `key` (the last one when a key repeats), or nil when it is missing or `null`.
  subscript(key: String) -> JSONNode? {
    guard let member = members.last(where: { $0.key == key }) else { return nil }
    if case .null = member.value { return nil }
    return JSONNode(value: member.value, path: .member(path, key))
  }

  /// The member keys in payload order, each once.
  var keys: [String] {
    var seen = Set<String>()
    return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
  }

  /// The error for a required member that is missing or `null`.
  func missing(_ key: String) -> AdapterError {
    AdapterError(at: .member(path, key), "missing")
  }

  /// Reads a company/title/start-date triple under the given keys; nil when none of the three is present.
  func position(company: String, title: String, startDate: String) throws(AdapterError) -> Signal
    .Position?
  {
    let position = Signal.Position(
      company: try self[company]?.string(), title: try self[title]?.string(),
      startDate: try self[startDate]?.string())
    return position == Signal.Position() ? nil : position
  }
}
