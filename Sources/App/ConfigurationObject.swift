import Foundation

/// A JSON object of the configuration whose allowed keys are the cases of `Key`.
///
/// Creating one refuses unknown keys first (a typo is reported as itself, not as the required key it
/// hides); reading a key hands back a `ConfigurationValue` that carries the key path.
struct ConfigurationObject<Key: CaseIterable & RawRepresentable> where Key.RawValue == String {
  private let dictionary: [String: Any]
  /// Where the object sits in the document; empty for the top level.
  let path: String
  private let environment: [String: String]

  /// Wraps `dictionary`, refusing the first unknown key in sorted order.
  init(_ dictionary: [String: Any], path: String, environment: [String: String])
    throws(ConfigurationError)
  {
    let known = Set(Key.allCases.map(\.rawValue))
    if let unknown = dictionary.keys.filter({ !known.contains($0) }).sorted().first {
      throw ConfigurationError(
        .unknownKey, path: Self.join(path, ConfigurationValue.printable(unknown)),
        message: "unknown key")
    }
    self.dictionary = dictionary
    self.path = path
    self.environment = environment
  }

  /// The value of `key`, or nil when the key is absent or `null`.
  func optional(_ key: Key) -> ConfigurationValue? {
    guard let raw = dictionary[key.rawValue], !(raw is NSNull) else { return nil }
    return ConfigurationValue(
      raw: raw, path: Self.join(path, key.rawValue), environment: environment)
  }

  /// The value of `key`; absent or `null` is an error naming the key.
  func required(_ key: Key) throws(ConfigurationError) -> ConfigurationValue {
    guard let value = optional(key) else {
      throw ConfigurationError(
        .missingKey, path: Self.join(path, key.rawValue), message: "missing required key")
    }
    return value
  }

  /// The path of `key` in this object, for errors about it that are found later (duplicates).
  func path(of key: Key) -> String { Self.join(path, key.rawValue) }

  /// `parent.key`, or `key` at the top level.
  static func join(_ parent: String, _ key: String) -> String {
    parent.isEmpty ? key : "\(parent).\(key)"
  }
}
