import Domain
import Foundation
import Testing

/// Hand-written JSON string literals must read back as the same text, whatever it holds.
@Suite("JSON string literal")
struct JSONStringLiteralTests {
  @Test("quotes, backslashes, every control character and non-ASCII text read back exactly")
  func roundTrips() throws {
    let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
    for text in ["", "plain", #"say "hi" \ bye"#, controls, "é 日本 🙂", "\u{7F}"] {
      let literal = JSONStringLiteral.quoted(text)
      let decoded = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
      #expect(decoded == text)
    }
    #expect(JSONStringLiteral.quoted("a\u{01}\n") == #""a\u0001\n""#)
  }
}
