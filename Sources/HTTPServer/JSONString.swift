/// Writes a Swift string as a quoted JSON string literal; used for error bodies without an encoder.
enum JSONString {
  /// Appends `text` to `output` as a JSON string with quotes, escaping what RFC 8259 requires.
  static func append(_ text: String, to output: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    output.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): output.append(contentsOf: [92, 92])
      case 0x0A: output.append(contentsOf: [92, UInt8(ascii: "n")])
      case 0x0D: output.append(contentsOf: [92, UInt8(ascii: "r")])
      case 0x09: output.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0x00..<0x20:
        output.append(contentsOf: Array("\\u00".utf8))
        output.append(hex[Int(byte >> 4)])
        output.append(hex[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}
