extension Configuration {
  /// A secret from the configuration (signing secret, API key, pepper) that never prints its value.
  ///
  /// `description`, `debugDescription`, string interpolation and `dump` all show `[redacted]`; only
  /// `revealed` hands the value out, at the place that uses it.
  public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
  {
    private let value: String

    /// Wraps `value`; the caller keeps it out of logs from here on.
    public init(_ value: String) { self.value = value }

    /// The secret itself, for the code that signs, verifies or authenticates with it.
    public var revealed: String { value }

    /// Always `[redacted]`.
    public var description: String { "[redacted]" }

    /// Always `[redacted]`.
    public var debugDescription: String { "[redacted]" }

    /// A mirror without children, so `dump` and reflection cannot reach the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
  }
}
