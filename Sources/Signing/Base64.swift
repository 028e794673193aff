/// Base64 (RFC 4648) encoding, and a decoder lenient in the ways webhook secrets and signatures need.
public enum Base64 {
  /// The standard alphabet, used for every encoding this module produces.
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Sextet value of each ASCII byte (standard and URL-safe alphabets both), 0xFF for anything else.
  private static let sextets: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
    table[Int(UInt8(ascii: "-"))] = 62
    table[Int(UInt8(ascii: "_"))] = 63
    return table
  }()

  /// `bytes` in standard Base64 with `=` padding.
  public static func encode(_ bytes: [UInt8]) -> String {
    var output = [UInt8]()
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= bytes.count {
      let group =
        UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      output.append(alphabet[Int(group >> 18 & 63)])
      output.append(alphabet[Int(group >> 12 & 63)])
      output.append(alphabet[Int(group >> 6 & 63)])
      output.append(alphabet[Int(group & 63)])
      index += 3
    }
    let remaining = bytes.count - index
    if remaining > 0 {
      let second = remaining == 2 ? UInt32(bytes[index + 1]) : 0
      let group = UInt32(bytes[index]) << 16 | second << 8
      output.append(alphabet[Int(group >> 18 & 63)])
      output.append(alphabet[Int(group >> 12 & 63)])
      output.append(remaining == 2 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
      output.append(UInt8(ascii: "="))
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// The bytes `text` encodes, or nil when it is not Base64.
  ///
  /// Accepts the standard and the URL-safe alphabet, with or without `=` padding (secrets are often
  /// shared unpadded). Refuses whitespace, other characters, padding that is not at the end or does not
  /// complete a 4-character group, and lengths no encoder produces (4n+1). Unused low bits of the last
  /// character are ignored, as the reference Standard Webhooks libraries (Python `b64decode`) do.
  public static func decode(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { decode(utf8: $0) }
  }

  /// The decoding core over UTF-8 code units; used directly on header bytes by the verifier.
  static func decode(utf8 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var length = input.count
    var padding = 0
    while length > 0 && input[length - 1] == UInt8(ascii: "=") && padding < 3 {
      length -= 1
      padding += 1
    }
    if padding > 2 || (padding > 0 && input.count % 4 != 0) || length % 4 == 1 { return nil }
    let table = sextets
    var output = [UInt8]()
    output.reserveCapacity(length / 4 * 3 + 2)
    var accumulator: UInt32 = 0
    var bits = 0
    for index in 0..<length {
      let value = table[Int(input[index])]
      if value == 0xFF { return nil }
      accumulator = accumulator << 6 | UInt32(value)
      bits += 6
      if bits >= 8 {
        bits -= 8
        output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
      }
    }
    return output
  }
}
