/// Reads what `ByteWriter` wrote. Every read checks the bounds and returns nil past the end or on a
/// malformed varint, so a damaged blob is reported, never trapped on.
public struct ByteReader: Sendable {
  private let bytes: [UInt8]
  /// The index of the next byte to read.
  public private(set) var offset = 0

  /// A reader at the start of `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte has been read.
  public var isAtEnd: Bool { offset >= bytes.count }

  /// One byte.
  public mutating func byte() -> UInt8? {
    guard offset < bytes.count else { return nil }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// `count` raw bytes.
  public mutating func raw(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, count <= bytes.count - offset else { return nil }
    defer { offset += count }
    return bytes[offset..<offset + count]
  }

  /// An unsigned varint.
  public mutating func varint() -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count, shift < 64 {
      let byte = bytes[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    return nil
  }

  /// A varint as an `Int` (nil when it does not fit).
  public mutating func int() -> Int? {
    guard let value = varint(), value <= UInt64(Int.max) else { return nil }
    return Int(value)
  }

  /// A zigzag varint.
  public mutating func signed() -> Int64? {
    guard let value = varint() else { return nil }
    return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
  }

  /// A length-prefixed UTF-8 string.
  public mutating func string() -> String? {
    guard let count = int(), let slice = raw(count) else { return nil }
    return String(decoding: slice, as: UTF8.self)
  }

  /// An optional string written by `ByteWriter.optionalString`; `.some(nil)` when absent.
  public mutating func optionalString() -> String?? {
    switch byte() {
    case 0: return .some(nil)
    case 1: return string().map { .some($0) }
    default: return nil
    }
  }
}
