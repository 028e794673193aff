import Foundation

/// One value of the parsed JSON document together with its key path, so every error can name where it is.
///
/// Strings of the form `env:NAME` are replaced by the environment variable `NAME` when read as a string;
/// a missing variable is an error that names the key path and the variable, never a value.
struct ConfigurationValue {
  /// The value as `JSONSerialization` produced it.
  let raw: Any
  /// Where the value sits in the document (`sources[1].secrets[0]`).
  let path: String
  /// The environment `env:NAME` references are resolved against.
  let environment: [String: String]

  /// The prefix that marks a string as a reference to an environment variable.
  static let environmentPrefix = "env:"

  /// The value as a string, with an `env:NAME` reference resolved.
  func string() throws(ConfigurationError) -> String {
    guard let text = raw as? String else { throw wrongType("a string") }
    guard text.hasPrefix(Self.environmentPrefix) else { return text }
    let name = String(text.dropFirst(Self.environmentPrefix.count))
    guard Self.isEnvironmentVariableName(name) else {
      throw ConfigurationError(
        .invalidValue, path: path,
        message: "expected \"env:NAME\" with a variable name of letters, digits and _")
    }
    guard let value = environment[name] else {
      throw ConfigurationError(
        .missingEnvironmentVariable, path: path, message: "environment variable \(name) is not set")
    }
    return value
  }

  /// The value as a string that may not be empty.
  func nonEmptyString() throws(ConfigurationError) -> String {
    let text = try string()
    guard !text.isEmpty else { throw invalid("expected a non-empty string") }
    return text
  }

  /// The value as an absolute `http` or `https` URL with a host; the URL is not echoed in errors
  /// (webhook URLs often carry credentials).
  func httpURL() throws(ConfigurationError) -> String {
    let text = try string()
    guard let components = URLComponents(string: text),
      let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = components.host, !host.isEmpty
    else { throw invalid("expected an http or https URL") }
    return text
  }

  /// The value as a secret: a non-empty string whose content never appears in an error.
  func secret(minimumLength: Int = 1) throws(ConfigurationError) -> Configuration.Secret {
    let text = try string()
    guard !text.isEmpty else {
      throw ConfigurationError(.emptySecret, path: path, message: "empty secret")
    }
    guard text.count >= minimumLength else {
      throw ConfigurationError(
        .emptySecret, path: path,
        message: "secret too short (expected at least \(minimumLength) characters)")
    }
    return Configuration.Secret(text)
  }

  /// The value as an integer within `range`; booleans and fractions are refused.
  func integer(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
    let expectation =
      switch (range.lowerBound, range.upperBound) {
      case (1, Int.max): "a positive integer"
      case (0, Int.max): "a non-negative integer"
      case (let low, Int.max): "an integer of at least \(low)"
      case (let low, let high): "an integer from \(low) to \(high)"
      }
    guard let number = raw as? NSNumber, !Self.isBoolean(number), let value = raw as? Int else {
      throw wrongType(expectation)
    }
    guard range.contains(value) else { throw invalid("expected \(expectation)") }
    return value
  }

  /// The value as a boolean.
  func boolean() throws(ConfigurationError) -> Bool {
    guard let number = raw as? NSNumber, Self.isBoolean(number) else {
      throw wrongType("true or false")
    }
    return number.boolValue
  }

  /// The value as one of the cases of `choice`, named by its raw value; the error lists every case.
  func oneOf<Choice: CaseIterable & RawRepresentable>(_ choice: Choice.Type, noun: String)
    throws(ConfigurationError) -> Choice where Choice.RawValue == String
  {
    let text = try string()
    guard let value = Choice(rawValue: text) else {
      let expected = Choice.allCases.map(\.rawValue).sorted().joined(separator: ", ")
      throw invalid("unknown \(noun) \"\(Self.printable(text))\" (expected one of \(expected))")
    }
    return value
  }

  /// The value as a list of values, each with its index in its path.
  func array() throws(ConfigurationError) -> [ConfigurationValue] {
    guard let items = raw as? [Any] else { throw wrongType("a list") }
    return items.enumerated().map { index, item in
      ConfigurationValue(raw: item, path: "\(path)[\(index)]", environment: environment)
    }
  }

  /// The value as an object whose keys must all be cases of `Key`; an unknown key is an error.
  func object<Key>(_ keys: Key.Type) throws(ConfigurationError) -> ConfigurationObject<Key> {
    guard let dictionary = raw as? [String: Any] else { throw wrongType("an object") }
    return try ConfigurationObject(dictionary, path: path, environment: environment)
  }

  /// An error saying the value has the wrong JSON type.
  func wrongType(_ expectation: String) -> ConfigurationError {
    ConfigurationError(.wrongType, path: path, message: "expected \(expectation)")
  }

  /// An error saying the value is not allowed.
  func invalid(_ message: String) -> ConfigurationError {
    ConfigurationError(.invalidValue, path: path, message: message)
  }

  /// Whether `name` is a usable environment variable name.
  static func isEnvironmentVariableName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIIAlphanumeric }
  }

  /// Whether the number came from a JSON `true` or `false`.
  static func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
  }

  /// A short, single-line rendering of a user-supplied name for an error message.
  static func printable(_ text: String) -> String {
    let cleaned = String(
      text.unicodeScalars.map {
        $0.properties.isWhitespace || $0.value < 0x20 ? " " : Character($0)
      })
    return cleaned.count > 40 ? String(cleaned.prefix(40)) + "…" : cleaned
  }
}

extension Unicode.Scalar {
  /// Whether this is an ASCII letter or digit.
  var isASCIIAlphanumeric: Bool {
    ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
  }
}
