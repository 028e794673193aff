/// Hexadecimal encoding of bytes: lowercase out, either case in (GitHub and Crustdata signatures).
public enum Hex {
  /// The lowercase digits, indexed by nibble.
  private static let digits = Array("0123456789abcdef".utf8)

  /// `bytes` as lowercase hex, two characters per byte.
  public static func encode(_ bytes: [UInt8]) -> String {
    var output = [UInt8]()
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The bytes `text` spells in hex (either case), or nil for odd lengths or non-hex characters.
  public static func decode(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { decode(utf8: $0) }
  }

  /// The decoding core over UTF-8 code units; used directly on header bytes by the verifier.
  static func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard input.count % 2 == 0 else { return nil }
    var output = [UInt8]()
    output.reserveCapacity(input.count / 2)
    var index = 0
    while index < input.count {
      guard let high = nibble(input[index]), let low = nibble(input[index + 1]) else { return nil }
      output.append(high << 4 | low)
      index += 2
    }
    return output
  }

  /// The value of one hex digit, or nil.
  private static func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
