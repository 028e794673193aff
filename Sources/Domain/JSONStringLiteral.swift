/// Writes text as a quoted JSON string literal (RFC 8259): quotes, backslashes and control characters
/// escaped, everything else passed through as UTF-8. For the few places that write JSON by hand on a hot
/// path (kept webhook headers, notification envelopes and data), where an encoder would cost more than the
/// work. The escapes are the ones Foundation's `JSONEncoder` writes (`\b \t \n \f \r`, `\u00XX` for
/// the other control characters, `/` unescaped as with `.withoutEscapingSlashes`), so a hand-written
/// object can be byte for byte what the encoder would have made.
public enum JSONStringLiteral {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends `text` to `bytes` as a JSON string literal. Runs of bytes that need no escape are copied
  /// at once (a notification's data is almost all such runs).
  public static func append(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var run = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
          continue
        }
        if run < index {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
        }
        appendEscape(byte, to: &bytes)
        run = index + 1
      }
      if run < utf8.count {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The escape of a quote, a backslash or a control character.
  private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
    case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
    case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
    case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
    case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
    case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
    case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
    default:
      bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
      bytes.append(hexDigits[Int(byte >> 4)])
      bytes.append(hexDigits[Int(byte & 0xF)])
    }
  }

  /// `text` as a JSON string literal.
  public static func quoted(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 2)
    append(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
