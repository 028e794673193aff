extension Configuration {
  /// One webhook source: the path segment it posts to, how it signs, what it sends, and its secrets.
  public struct Source: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The name in `POST /webhooks/{name}`: 1 to 64 of `a-z`, `0-9`, `_`, `-`.
    public let name: String
    /// How deliveries are signed.
    public let scheme: SignatureScheme
    /// Which adapter reads the payloads.
    public let format: PayloadFormat
    /// Accepted signing secrets, newest first; more than one during a rotation.
    public let secrets: [Secret]
    /// How far a delivery's timestamp may be from now, in seconds.
    public let toleranceSeconds: Int

    /// The default timestamp tolerance: five minutes, as Standard Webhooks recommends.
    public static let defaultToleranceSeconds = 300

    /// Creates a source; `secrets` must not be empty for it to verify anything.
    public init(
      name: String, scheme: SignatureScheme, format: PayloadFormat, secrets: [Secret],
      toleranceSeconds: Int = Source.defaultToleranceSeconds
    ) {
      self.name = name
      self.scheme = scheme
      self.format = format
      self.secrets = secrets
      self.toleranceSeconds = toleranceSeconds
    }

    /// The source with its secrets counted, not shown.
    public var description: String {
      "Source(name: \(name), scheme: \(scheme.rawValue), format: \(format.rawValue), "
        + "secrets: \(secrets.count) [redacted], tolerance_seconds: \(toleranceSeconds))"
    }

    /// Same as `description`: secrets stay redacted.
    public var debugDescription: String { description }

    /// Whether `name` may name a source (it becomes a URL path segment).
    public static func isValidName(_ name: String) -> Bool {
      (1...64).contains(name.unicodeScalars.count)
        && name.unicodeScalars.allSatisfy {
          ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// The keys a source object may have.
    enum Key: String, CaseIterable {
      case name, scheme, format, secrets
      case toleranceSeconds = "tolerance_seconds"
    }

    /// Reads a source object.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let nameValue = try object.required(.name)
      let name = try nameValue.string()
      guard Self.isValidName(name) else {
        throw nameValue.invalid("expected 1 to 64 characters of a-z, 0-9, _ and -")
      }
      let scheme = try object.required(.scheme).oneOf(SignatureScheme.self, noun: "scheme")
      let format = try object.required(.format).oneOf(PayloadFormat.self, noun: "format")
      let secretsValue = try object.required(.secrets)
      var secrets: [Secret] = []
      for item in try secretsValue.array() { secrets.append(try item.secret()) }
      guard !secrets.isEmpty else { throw secretsValue.invalid("expected at least one secret") }
      let tolerance =
        try object.optional(.toleranceSeconds)?.integer(in: 1...86_400)
        ?? Self.defaultToleranceSeconds
      self.init(
        name: name, scheme: scheme, format: format, secrets: secrets, toleranceSeconds: tolerance)
    }
  }
}
