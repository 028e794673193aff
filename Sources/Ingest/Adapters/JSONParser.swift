/// A strict RFC 8259 parser from raw bytes to `JSONValue`, with a nesting limit and offset-only error reasons.
///
/// The nesting limit is checked as each array or object opens, before the parser descends, so a body of
/// 100,000 `[` is rejected after 33 bytes without deep recursion. Strings must be valid UTF-8.
struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maxDepth = 32

  private let bytes: [UInt8]
  private var index = 0

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses a whole body: one JSON value, optionally surrounded by whitespace (a leading UTF-8 BOM is skipped).
  static func parse(_ bytes: [UInt8]) throws(AdapterError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    parser.skipWhitespace()
    guard parser.index < bytes.count else { throw AdapterError(reason: "not JSON: empty body") }
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.unexpected() }
    return value
  }

  // MARK: Values

  private mutating func parseValue(depth: Int) throws(AdapterError) -> JSONValue {
    guard index < bytes.count else { throw truncated() }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw unexpected()
    }
  }

  private mutating func parseObject(depth: Int) throws(AdapterError) -> JSONValue {
    guard depth <= Self.maxDepth else { throw Self.tooDeep() }
    index += 1
    var members: [JSONValue.Member] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count else { throw truncated() }
      guard bytes[index] == UInt8(ascii: "\"") else { throw unexpected() }
      let key = try parseString()
      skipWhitespace()
      try expect(UInt8(ascii: ":"))
      skipWhitespace()
      members.append(JSONValue.Member(key: key, value: try parseValue(depth: depth)))
      skipWhitespace()
      guard index < bytes.count else { throw truncated() }
      switch bytes[index] {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw unexpected()
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(AdapterError) -> JSONValue {
    guard depth <= Self.maxDepth else { throw Self.tooDeep() }
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      guard index < bytes.count else { throw truncated() }
      switch bytes[index] {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default: throw unexpected()
      }
    }
  }

  // MARK: Strings

  /// Parses a string starting at its opening quote; the fast path slices the bytes when there is no escape.
  private mutating func parseString() throws(AdapterError) -> String {
    index += 1
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = try Self.utf8(bytes[start..<index], offset: start)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
      if byte < 0x20 {
        throw controlCharacter()
      }
      index += 1
    }
    throw truncated()
  }

  /// Continues a string that contains escapes, from its first content byte.
  private mutating func parseEscapedString(from start: Int) throws(AdapterError) -> String {
    var buffer = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return try Self.utf8(buffer[...], offset: start)
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw truncated() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"): buffer.append(contentsOf: try parseUnicodeEscape().utf8)
        default: throw invalidEscape(at: index - 2)
        }
      default:
        if byte < 0x20 {
          throw controlCharacter()
        }
        buffer.append(byte)
        index += 1
      }
    }
    throw truncated()
  }

  /// Parses the four hex digits after `\u` (and a low surrogate's `\uXXXX` after a high one).
  private mutating func parseUnicodeEscape() throws(AdapterError) -> String {
    let escapeStart = index - 2
    let first = try parseHex4(escapeStart: escapeStart)
    var scalarValue = first
    if (0xD800...0xDBFF).contains(first) {
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
        bytes[index + 1] == UInt8(ascii: "u")
      else { throw invalidEscape(at: escapeStart) }
      index += 2
      let second = try parseHex4(escapeStart: escapeStart)
      guard (0xDC00...0xDFFF).contains(second) else { throw invalidEscape(at: escapeStart) }
      scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(scalarValue) else { throw invalidEscape(at: escapeStart) }
    return String(Character(scalar))
  }

  private mutating func parseHex4(escapeStart: Int) throws(AdapterError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw truncated() }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw invalidEscape(at: escapeStart)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  private static func utf8(_ slice: ArraySlice<UInt8>, offset: Int) throws(AdapterError) -> String {
    guard let text = String(validating: slice, as: UTF8.self) else {
      throw AdapterError(reason: "not JSON: invalid UTF-8 in the string at byte \(offset - 1)")
    }
    return text
  }

  // MARK: Numbers and literals

  /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and returns its lexeme.
  private mutating func parseNumber() throws(AdapterError) -> String {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw truncated() }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      try digits()
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      try digits()
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      try digits()
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// Consumes one or more decimal digits.
  private mutating func digits() throws(AdapterError) {
    let start = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      index += 1
    }
    guard index > start else { throw index < bytes.count ? unexpected() : truncated() }
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(AdapterError) {
    let count = literal.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw truncated() }
    let matches = literal.withUTF8Buffer { expected in
      bytes[index..<index + count].elementsEqual(expected)
    }
    guard matches else { throw unexpected() }
    index += count
  }

  private mutating func expect(_ byte: UInt8) throws(AdapterError) {
    guard index < bytes.count else { throw truncated() }
    guard bytes[index] == byte else { throw unexpected() }
    index += 1
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  // MARK: Errors (offsets only, never content)

  private func unexpected() -> AdapterError {
    index < bytes.count
      ? AdapterError(reason: "not JSON: unexpected character at byte \(index)") : truncated()
  }

  private func truncated() -> AdapterError {
    AdapterError(reason: "not JSON: unexpected end of body at byte \(bytes.count)")
  }

  private func controlCharacter() -> AdapterError {
    AdapterError(reason: "not JSON: control character in a string at byte \(index)")
  }

  private func invalidEscape(at offset: Int) -> AdapterError {
    AdapterError(reason: "not JSON: invalid escape in a string at byte \(offset)")
  }

  private static func tooDeep() -> AdapterError {
    AdapterError(reason: "nesting deeper than \(maxDepth) levels")
  }
}
