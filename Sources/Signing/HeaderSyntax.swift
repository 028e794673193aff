/// Byte-level scanning of signature header values (ASCII), without Unicode character processing.
///
/// Header values are ASCII by contract; scanning their UTF-8 bytes avoids grapheme breaking, which
/// dominated the cost of verification when the headers were split as `String`s.
enum HeaderSyntax {
  /// Calls `body` with each non-empty part of `bytes` between `separator` bytes, in order.
  static func forEachPart(
    of bytes: UnsafeBufferPointer<UInt8>, separatedBy separator: UInt8,
    _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != separator { end += 1 }
      if end > start { body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
      start = end + 1
    }
  }

  /// `bytes` without leading and trailing spaces and tabs.
  static func trimmingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end && isSpace(bytes[start]) { start += 1 }
    while end > start && isSpace(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// Splits `bytes` at its first `delimiter` into the name before and the value after it, or nil.
  static func split(
    _ bytes: UnsafeBufferPointer<UInt8>, at delimiter: UInt8
  ) -> (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)? {
    guard let index = bytes.firstIndex(of: delimiter) else { return nil }
    return (
      UnsafeBufferPointer(rebasing: bytes[..<index]),
      UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
    )
  }

  /// Whether `bytes` spell exactly the ASCII text `literal`.
  static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    guard bytes.count == literal.utf8CodeUnitCount else { return false }
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    return bytes.elementsEqual(expected)
  }

  /// Whether two byte regions hold the same bytes (not constant time: for public header text only).
  static func equals(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.elementsEqual(b)
  }

  /// Whether `byte` is an ASCII space or tab.
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }
}
