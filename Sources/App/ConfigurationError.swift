/// Why a configuration could not be loaded: the key path that is wrong and what is wrong with it.
///
/// The message never contains a secret value or the value of an environment variable; enumerated values
/// (scheme, format, role, ...) are quoted so the reader sees the typo.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The kind of mistake, for code that reacts to it; a struct so new kinds can be added without breaking callers.
  public struct Code: Sendable, Hashable, CustomStringConvertible {
    private let name: String
    private init(_ name: String) { self.name = name }

    /// The configuration file could not be read.
    public static let unreadableFile = Code("unreadable file")
    /// The file is not JSON, or its top level is not an object.
    public static let invalidJSON = Code("invalid JSON")
    /// A key that talentwatch does not know (often a typo).
    public static let unknownKey = Code("unknown key")
    /// A required key is absent.
    public static let missingKey = Code("missing key")
    /// A value of the wrong JSON type (a number where a string belongs, ...).
    public static let wrongType = Code("wrong type")
    /// A value of the right type that is not allowed (out of range, unknown name, bad shape).
    public static let invalidValue = Code("invalid value")
    /// A secret that is empty or too short.
    public static let emptySecret = Code("empty secret")
    /// An `env:NAME` reference to a variable that is not set.
    public static let missingEnvironmentVariable = Code("missing environment variable")
    /// A name that must be unique appears twice.
    public static let duplicate = Code("duplicate")

    /// The kind's name in words.
    public var description: String { name }
  }

  /// What kind of mistake this is.
  public let code: Code
  /// The key path of the offending value (`sources[1].secrets[0]`); empty for the file or document as a whole.
  public let path: String
  /// What is wrong, in words (`empty secret`); never contains a secret.
  public let message: String
  /// The configuration file the value came from, or nil for built-in defaults and in-memory documents.
  public let file: String?

  /// Creates an error for the value at `path`.
  public init(_ code: Code, path: String, message: String, file: String? = nil) {
    self.code = code
    self.path = path
    self.message = message
    self.file = file
  }

  /// `path: message`, the form every configuration error is reported in (just `message` without a path).
  public var description: String { path.isEmpty ? message : "\(path): \(message)" }

  /// The same error attributed to the file it came from.
  func inFile(_ file: String) -> ConfigurationError {
    ConfigurationError(code, path: path, message: message, file: file)
  }
}
