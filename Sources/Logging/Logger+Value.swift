extension Logger {
  /// A metadata value: text, a whole number, a fraction or a flag, written as the matching JSON type.
  public enum Value: Sendable, Equatable, ExpressibleByStringLiteral,
    ExpressibleByStringInterpolation,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
  {
    /// Text, written as a JSON string.
    case string(String)
    /// A whole number, written as a JSON number.
    case integer(Int)
    /// A fraction, written as a JSON number (non-finite values as strings).
    case double(Double)
    /// A flag, written as `true` or `false`.
    case bool(Bool)

    /// Text from a literal or an interpolation.
    public init(stringLiteral value: String) { self = .string(value) }

    /// A whole number from a literal.
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// A fraction from a literal.
    public init(floatLiteral value: Double) { self = .double(value) }

    /// A flag from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
  }
}
