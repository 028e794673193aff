/// The kept headers of a delivery as stored in `inbox.headers`: a JSON object with sorted keys.
///
/// Written by hand over UTF-8 bytes: it runs once per delivery while a burst is being received, where
/// Foundation's encoder (and appending to a `String` scalar by scalar) cost more than the insert itself.
enum InboxHeadersJSON {
  /// `headers` as a JSON object with sorted keys; control characters, quotes and backslashes escaped.
  static func encode(_ headers: [String: String]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      64 + headers.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
    bytes.append(UInt8(ascii: "{"))
    for (index, key) in headers.keys.sorted().enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      append(key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
      append(headers[key] ?? "", to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends `text` as a JSON string literal; bytes of 0x80 and above are UTF-8 and pass through.
  private static func append(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        bytes += Array(#"\u00"#.utf8)
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
