import Signing
import Testing

/// Base64 and hex, including the lenient forms webhook secrets arrive in.
@Suite("Base64 and hex")
struct EncodingTests {
  @Test("Base64 encodes with padding, as RFC 4648 section 10 lists")
  func base64Encodes() {
    let expected = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"]
    for (length, text) in expected.enumerated() {
      #expect(Base64.encode(Array("foobar".utf8.prefix(length))) == text)
    }
  }

  @Test("Base64 decodes padded and unpadded text to the same bytes")
  func base64PaddedAndUnpadded() {
    #expect(Base64.decode("Zm9vYg==") == Array("foob".utf8))
    #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))
    #expect(Base64.decode("Zm9vYmE=") == Array("fooba".utf8))
    #expect(Base64.decode("Zm9vYmE") == Array("fooba".utf8))
    #expect(Base64.decode("Zm9vYmFy") == Array("foobar".utf8))
    #expect(Base64.decode("") == [])
  }

  @Test("Base64 decodes the URL-safe alphabet like the standard one")
  func base64URLSafe() {
    let bytes: [UInt8] = [0xfb, 0xff, 0xbf, 0xfe]
    #expect(Base64.encode(bytes) == "+/+//g==")
    #expect(Base64.decode("+/+//g==") == bytes)
    #expect(Base64.decode("-_-__g==") == bytes)
    #expect(Base64.decode("-_-__g") == bytes)
  }

  @Test(
    "Base64 refuses garbage",
    arguments: ["not base64!", "Zm9v Yg==", "Zm9vY", "Zg=", "Zg===", "=Zg=", "Zg=a", "Zm9v\n"])
  func base64Garbage(_ text: String) {
    #expect(Base64.decode(text) == nil)
  }

  @Test("Base64 round-trips every length up to 70 bytes")
  func base64RoundTrip() {
    for length in 0...70 {
      let bytes = SecureRandom.bytes(count: length)
      #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }
  }

  @Test("hex encodes lowercase, decodes either case and round-trips")
  func hexRoundTrip() {
    let bytes: [UInt8] = [0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]
    #expect(Hex.encode(bytes) == "00017f80abff")
    #expect(Hex.decode("00017f80abff") == bytes)
    #expect(Hex.decode("00017F80ABFF") == bytes)
    #expect(Hex.decode("") == [])
    let random = SecureRandom.bytes(count: 64)
    #expect(Hex.decode(Hex.encode(random)) == random)
  }

  @Test(
    "hex refuses odd lengths and non-hex characters",
    arguments: ["abc", "zz", "0x00", "ab cd", "é"])
  func hexGarbage(_ text: String) {
    #expect(Hex.decode(text) == nil)
  }
}
