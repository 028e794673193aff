/// Request ids: accept a well-formed client one, otherwise make a short random one.
enum RequestID {
  /// The alphabet of generated ids: lowercase Crockford base32 (no i, l, o, u).
  private static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

  /// The client's id when it is 1–64 characters of `[A-Za-z0-9._-]`, otherwise a fresh one.
  static func choose(_ candidate: String?) -> String {
    if let candidate, isValid(candidate) { return candidate }
    return generate()
  }

  /// True when `text` is 1–64 characters of `[A-Za-z0-9._-]`.
  static func isValid(_ text: String) -> Bool {
    let bytes = text.utf8
    guard !bytes.isEmpty, bytes.count <= 64 else { return false }
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "-"):
        continue
      default:
        return false
      }
    }
    return true
  }

  /// Twelve random base32 characters (60 bits) from the system generator.
  static func generate() -> String {
    var generator = SystemRandomNumberGenerator()
    var bits: UInt64 = generator.next()
    return String(unsafeUninitializedCapacity: 12) { buffer in
      for index in 0..<12 {
        buffer[index] = alphabet[Int(bits & 31)]
        bits >>= 5
      }
      return 12
    }
  }
}
