public import Foundation

/// One result row, copied out of SQLite so that it outlives its statement and crosses threads.
///
/// Columns are read by index or by name (exact match first, then ASCII case-insensitive; with duplicate
/// names the leftmost wins). A missing column or index reads as `.null`, so typed accessors return `nil`.
/// Typed accessors convert only where no information is lost: `int` accepts an integral REAL, `double`
/// accepts an INTEGER, `bool` reads any non-zero number as `true`, `date` reads INTEGER Unix milliseconds.
public struct Row: Sendable, Hashable {
  /// The column names of the statement that produced this row, in result order.
  public let columnNames: [String]
  /// The values, in result order.
  public let values: [SQLValue]

  /// A row of `values` under `columnNames` (the two must have the same length).
  public init(columnNames: [String], values: [SQLValue]) {
    self.columnNames = columnNames
    self.values = values
  }

  /// The number of columns.
  public var count: Int { values.count }

  /// The value at `index`, or `.null` when out of range.
  public subscript(_ index: Int) -> SQLValue {
    values.indices.contains(index) ? values[index] : .null
  }

  /// The value of the column named `column`, or `.null` when there is no such column.
  public subscript(_ column: String) -> SQLValue {
    index(of: column).map { values[$0] } ?? .null
  }

  /// The index of the column named `column`: exact match first, then ASCII case-insensitive.
  public func index(of column: String) -> Int? {
    if let exact = columnNames.firstIndex(of: column) { return exact }
    let folded = Self.asciiLowercased(column)
    return columnNames.firstIndex { Self.asciiLowercased($0) == folded }
  }

  /// `true` when the row has a column named `column`.
  public func contains(column: String) -> Bool { index(of: column) != nil }

  /// The INTEGER at `index` (or an integral REAL), else `nil`.
  public func int(_ index: Int) -> Int64? { Self.int(self[index]) }
  /// The REAL or INTEGER at `index` as a double, else `nil`.
  public func double(_ index: Int) -> Double? { Self.double(self[index]) }
  /// The TEXT at `index`, else `nil`.
  public func text(_ index: Int) -> String? { Self.text(self[index]) }
  /// The BLOB at `index`, else `nil`.
  public func blob(_ index: Int) -> [UInt8]? { Self.blob(self[index]) }
  /// The number at `index` as a boolean (non-zero is `true`), else `nil`.
  public func bool(_ index: Int) -> Bool? { Self.bool(self[index]) }
  /// The INTEGER Unix milliseconds at `index` as a date, else `nil`.
  public func date(_ index: Int) -> Date? { Self.date(self[index]) }

  /// The INTEGER in column `column` (or an integral REAL), else `nil`.
  public func int(_ column: String) -> Int64? { Self.int(self[column]) }
  /// The REAL or INTEGER in column `column` as a double, else `nil`.
  public func double(_ column: String) -> Double? { Self.double(self[column]) }
  /// The TEXT in column `column`, else `nil`.
  public func text(_ column: String) -> String? { Self.text(self[column]) }
  /// The BLOB in column `column`, else `nil`.
  public func blob(_ column: String) -> [UInt8]? { Self.blob(self[column]) }
  /// The number in column `column` as a boolean (non-zero is `true`), else `nil`.
  public func bool(_ column: String) -> Bool? { Self.bool(self[column]) }
  /// The INTEGER Unix milliseconds in column `column` as a date, else `nil`.
  public func date(_ column: String) -> Date? { Self.date(self[column]) }

  private static func int(_ value: SQLValue) -> Int64? {
    switch value {
    case .integer(let v): return v
    case .real(let d): return Int64(exactly: d)
    default: return nil
    }
  }

  private static func double(_ value: SQLValue) -> Double? {
    switch value {
    case .real(let d): return d
    case .integer(let v): return Double(v)
    default: return nil
    }
  }

  private static func text(_ value: SQLValue) -> String? {
    if case .text(let s) = value { return s }
    return nil
  }

  private static func blob(_ value: SQLValue) -> [UInt8]? {
    if case .blob(let b) = value { return b }
    return nil
  }

  private static func bool(_ value: SQLValue) -> Bool? {
    switch value {
    case .integer(let v): return v != 0
    case .real(let d): return d != 0
    default: return nil
    }
  }

  private static func date(_ value: SQLValue) -> Date? {
    int(value).map { SQLValue.date(millisecondsSince1970: $0) }
  }

  private static func asciiLowercased(_ name: String) -> String {
    String(decoding: name.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
  }
}
