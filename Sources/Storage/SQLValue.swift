public import Foundation

/// One SQLite value, as bound into a statement or read out of a row.
///
/// Literals and the `init(_:)` overloads let callers write `[.text(name), .date(now), nil, 42, true]`.
/// Text keeps its exact UTF-8 bytes, embedded NUL characters included (SQL functions such as `length()` and
/// `LIKE` stop at the first NUL, so do not put NUL into text you query on). SQLite stores a NaN real as NULL.
public enum SQLValue: Sendable, Hashable {
  /// SQL NULL.
  case null
  /// A 64-bit signed integer; also booleans (0 or 1) and dates (Unix milliseconds).
  case integer(Int64)
  /// An IEEE 754 double.
  case real(Double)
  /// UTF-8 text.
  case text(String)
  /// Bytes, possibly empty.
  case blob([UInt8])

  /// `true` for SQL NULL.
  public var isNull: Bool { self == .null }

  /// A date as INTEGER Unix milliseconds (rounded to the nearest, clamped to the Int64 range).
  public static func date(_ date: Date) -> SQLValue {
    .integer(millisecondsSince1970(date))
  }

  /// A date as INTEGER Unix milliseconds, or NULL when absent.
  public static func date(_ date: Date?) -> SQLValue {
    date.map { .date($0) } ?? .null
  }

  /// Unix milliseconds of `date`, rounded to the nearest and clamped so that no date traps.
  static func millisecondsSince1970(_ date: Date) -> Int64 {
    let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
    if milliseconds.isNaN { return 0 }
    if milliseconds >= 9_223_372_036_854_775_807.0 { return .max }
    if milliseconds <= -9_223_372_036_854_775_808.0 { return .min }
    return Int64(milliseconds)
  }

  /// The date that Unix milliseconds `milliseconds` stand for.
  static func date(millisecondsSince1970 milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }

  /// An integer.
  public init(_ value: Int) { self = .integer(Int64(value)) }
  /// An integer.
  public init(_ value: Int64) { self = .integer(value) }
  /// A boolean as INTEGER 1 or 0.
  public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
  /// A real.
  public init(_ value: Double) { self = .real(value) }
  /// Text.
  public init(_ value: String) { self = .text(value) }
  /// A blob.
  public init(_ value: [UInt8]) { self = .blob(value) }
  /// A blob from `Data`.
  public init(_ value: Data) { self = .blob([UInt8](value)) }

  /// An integer, or NULL when absent.
  public init(_ optional: Int?) { self = optional.map { SQLValue($0) } ?? .null }
  /// An integer, or NULL when absent.
  public init(_ optional: Int64?) { self = optional.map { SQLValue($0) } ?? .null }
  /// A boolean as INTEGER 1 or 0, or NULL when absent.
  public init(_ optional: Bool?) { self = optional.map { SQLValue($0) } ?? .null }
  /// A real, or NULL when absent.
  public init(_ optional: Double?) { self = optional.map { SQLValue($0) } ?? .null }
  /// Text, or NULL when absent.
  public init(_ optional: String?) { self = optional.map { SQLValue($0) } ?? .null }
  /// A blob, or NULL when absent.
  public init(_ optional: [UInt8]?) { self = optional.map { SQLValue($0) } ?? .null }
  /// A blob from `Data`, or NULL when absent.
  public init(_ optional: Data?) { self = optional.map { SQLValue($0) } ?? .null }
}

extension SQLValue: ExpressibleByNilLiteral {
  /// `nil` is SQL NULL.
  public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
  /// An integer literal is an INTEGER.
  public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
  /// A float literal is a REAL.
  public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
  /// A string literal is TEXT.
  public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
  /// A boolean literal is INTEGER 1 or 0.
  public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
