/// Request ids: accept a well-formed client one, otherwise make a short random-looking one.
enum RequestID {
  /// The alphabet of generated ids: lowercase Crockford base32 (no i, l, o, u).
  private static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

  /// The client's id when it is 1–64 characters of `[A-Za-z0-9._-]`, otherwise a generated one.
  static func choose(_ candidate: String?, seed: UInt64, sequence: UInt64) -> String {
    if let candidate, isValid(candidate) { return candidate }
    return generate(seed: seed, sequence: sequence)
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

  /// Twelve base32 characters (60 bits) of splitmix64 over a per-server random seed and a request counter.
  ///
  /// Unpredictable enough for log correlation, unique within a server, and free of a system call per
  /// request (the system generator would cost a `getrandom` each time).
  static func generate(seed: UInt64, sequence: UInt64) -> String {
    var bits = seed &+ sequence &* 0x9E37_79B9_7F4A_7C15
    bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
    bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
    bits ^= bits >> 31
    return String(unsafeUninitializedCapacity: 12) { buffer in
      for index in 0..<12 {
        buffer[index] = alphabet[Int(bits & 31)]
        bits >>= 5
      }
      return 12
    }
  }
}
