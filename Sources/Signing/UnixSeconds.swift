import Foundation

/// Integer Unix seconds as signed in webhook headers: strict parsing and flooring of instants.
enum UnixSeconds {
  /// The value of `text` when it is 1 to 18 ASCII digits (no sign, no fraction, no spaces), else nil.
  static func parse(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { parse(utf8: $0) }
  }

  /// The value of ASCII digits in `bytes`; same rules as `parse(_:)`.
  static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard (1...18).contains(bytes.count) else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// Whole seconds since 1970 in `date`, rounded down; clamped far outside any real clock.
  static func floor(_ date: Date) -> Int {
    let seconds = date.timeIntervalSince1970.rounded(.down)
    let limit = 1e17
    if seconds.isNaN { return 0 }
    return Int(Swift.min(Swift.max(seconds, -limit), limit))
  }
}
