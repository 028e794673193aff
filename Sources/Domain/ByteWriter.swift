/// Appends the compact binary forms the stores use for snapshots and packed scores: bytes, unsigned
/// LEB128 varints, zigzag varints for signed numbers, and length-prefixed UTF-8 strings.
public struct ByteWriter: Sendable {
  /// What has been written.
  public private(set) var bytes: [UInt8] = []

  /// An empty writer, with room for `capacity` bytes.
  public init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

  /// One byte.
  public mutating func byte(_ value: UInt8) { bytes.append(value) }

  /// Raw bytes, without a length.
  public mutating func raw(_ values: [UInt8]) { bytes += values }

  /// An unsigned varint (7 bits a byte, low bits first).
  public mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// A non-negative count or id as a varint (negative values are written as 0).
  public mutating func varint(_ value: Int) { varint(UInt64(max(0, value))) }

  /// A signed number as a zigzag varint.
  public mutating func signed(_ value: Int64) {
    varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  /// A string as its UTF-8 length and bytes.
  public mutating func string(_ value: String) {
    varint(value.utf8.count)
    bytes += value.utf8
  }

  /// An optional string: a presence byte, then the string.
  public mutating func optionalString(_ value: String?) {
    guard let value else { return byte(0) }
    byte(1)
    string(value)
  }
}
