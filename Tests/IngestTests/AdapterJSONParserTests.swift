import Foundation
import Testing

@testable import Ingest

/// The strict JSON parser under every adapter: nesting limit, UTF-8, escapes, numbers, order.
@Suite("Adapter JSON parser")
struct AdapterJSONParserTests {
  /// The parser's error reason for a body, or nil when it parses.
  static func reason(_ bytes: [UInt8]) -> String? {
    do {
      _ = try JSONParser.parse(bytes)
      return nil
    } catch {
      return error.reason
    }
  }

  /// Parses a text body.
  static func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
  }

  @Test("a body of 100,000 [ is rejected as absurd nesting, quickly and without a crash")
  func depthBombIsRejected() {
    let clock = ContinuousClock()
    var reason: String?
    let elapsed = clock.measure {
      reason = Self.reason([UInt8](repeating: UInt8(ascii: "["), count: 100_000))
    }
    #expect(reason == "nesting deeper than 32 levels")
    #expect(elapsed < .seconds(1))
    let mixed = Array(String(repeating: "{\"a\":[", count: 20_000).utf8)
    #expect(Self.reason(mixed) == "nesting deeper than 32 levels")
  }

  @Test("thirty-two levels of nesting are accepted and thirty-three are not")
  func depthLimitIsExact() {
    let ok = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
    let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
    #expect(Self.reason(Array(ok.utf8)) == nil)
    #expect(Self.reason(Array(deep.utf8)) == "nesting deeper than 32 levels")
  }

  @Test("an empty or whitespace-only body is not JSON")
  func emptyBodies() {
    #expect(Self.reason([]) == "not JSON: empty body")
    #expect(Self.reason(Array(" \n\t\r ".utf8)) == "not JSON: empty body")
  }

  @Test("bytes that are not UTF-8 are rejected with an offset, inside and outside strings")
  func nonUTF8IsRejected() {
    #expect(
      Self.reason(Array("{\"name\":\"".utf8) + [0xC3, 0x28] + Array("\"}".utf8))
        == "not JSON: invalid UTF-8 in the string at byte 8")
    #expect(Self.reason([0xFF, 0xFE, 0x7B, 0x7D]) == "not JSON: unexpected character at byte 0")
    #expect(
      Self.reason(Array("{\"a\":".utf8) + [0x80] + Array("}".utf8))
        == "not JSON: unexpected character at byte 5")
    #expect(
      Self.reason(Array("\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"".utf8)) != nil,
      "an encoded surrogate is not UTF-8")
  }

  @Test("a UTF-8 byte order mark is skipped and raw UTF-8 text is kept")
  func byteOrderMarkAndUnicode() throws {
    #expect(
      try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("\"Tomás 東京\"".utf8)) == .string("Tomás 東京"))
  }

  @Test(
    "escapes decode, including surrogate pairs; lone surrogates and unknown escapes are rejected")
  func escapes() throws {
    #expect(try Self.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
    #expect(try Self.parse(#""Tom\u00e1s \ud83d\ude80""#) == .string("Tomás 🚀"))
    #expect(
      Self.reason(Array(#""\ud83d""#.utf8)) == "not JSON: invalid escape in a string at byte 1")
    #expect(
      Self.reason(Array(#""\ude80x""#.utf8)) == "not JSON: invalid escape in a string at byte 1")
    #expect(Self.reason(Array(#""\x41""#.utf8)) == "not JSON: invalid escape in a string at byte 1")
    #expect(
      Self.reason(Array("\"a\nb\"".utf8)) == "not JSON: control character in a string at byte 2")
  }

  @Test("numbers keep their exact lexeme and malformed numbers are rejected")
  func numbers() throws {
    #expect(try Self.parse("4815162342") == .number("4815162342"))
    #expect(try Self.parse("123456789012345678901234") == .number("123456789012345678901234"))
    #expect(try Self.parse("-0.5e+10") == .number("-0.5e+10"))
    for bad in ["01", "1.", "-", ".5", "1e", "+1", "0x10", "NaN", "Infinity"] {
      #expect(Self.reason(Array(bad.utf8)) != nil, "\(bad) is not a JSON number")
    }
  }

  @Test("literals, trailing commas, trailing content and truncation are handled strictly")
  func strictness() throws {
    #expect(try Self.parse(" [true, false, null] ") == .array([.bool(true), .bool(false), .null]))
    #expect(Self.reason(Array("[1,]".utf8)) == "not JSON: unexpected character at byte 3")
    #expect(Self.reason(Array("{\"a\":1,}".utf8)) == "not JSON: unexpected character at byte 7")
    #expect(Self.reason(Array("{} {}".utf8)) == "not JSON: unexpected character at byte 3")
    #expect(Self.reason(Array("[tru]".utf8)) == "not JSON: unexpected character at byte 1")
    #expect(Self.reason(Array("{\"a\":[1,2".utf8)) == "not JSON: unexpected end of body at byte 9")
    #expect(Self.reason(Array("\"open".utf8)) == "not JSON: unexpected end of body at byte 5")
  }

  @Test("objects keep member order and a repeated key reads as its last value")
  func memberOrder() throws {
    let value = try Self.parse(#"{"b":1,"a":2,"b":3}"#)
    let object = try JSONNode(value: value, path: .root).object()
    #expect(object.keys == ["b", "a"])
    #expect(object["b"]?.value == .number("3"))
    #expect(object["missing"] == nil)
  }
}
