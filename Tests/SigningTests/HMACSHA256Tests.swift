import Signing
import Testing

/// RFC 4231 test cases and the streaming forms of HMAC-SHA256.
@Suite("HMAC-SHA256")
struct HMACSHA256Tests {
  /// One RFC 4231 case: key, data and the expected full-length HMAC-SHA256 in hex.
  struct Case: Sendable, CustomTestStringConvertible {
    /// The case number in RFC 4231 section 4.
    let number: Int
    /// The key.
    let key: [UInt8]
    /// The message.
    let data: [UInt8]
    /// The expected HMAC-SHA256 in hex.
    let expected: String
    /// The name shown for the argument in test results.
    var testDescription: String { "RFC 4231 test case \(number)" }
  }

  /// RFC 4231 cases 1-4, 6 and 7. Case 5 (output truncated to 128 bits) is left out on purpose:
  /// this module only produces full-length MACs.
  static let rfc4231: [Case] = [
    Case(
      number: 1, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
      expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    Case(
      number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
      expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    Case(
      number: 3, key: [UInt8](repeating: 0xaa, count: 20),
      data: [UInt8](repeating: 0xdd, count: 50),
      expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    Case(
      number: 4, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
      expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    Case(
      number: 6, key: [UInt8](repeating: 0xaa, count: 131),
      data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    Case(
      number: 7, key: [UInt8](repeating: 0xaa, count: 131),
      data: Array(
        ("This is a test using a larger than block-size key and a larger than block-size data. "
          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
      expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
  ]

  @Test("matches the RFC 4231 vectors", arguments: rfc4231)
  func rfc4231Vectors(_ vector: Case) {
    #expect(
      Hex.encode(HMACSHA256.authenticationCode(key: vector.key, message: vector.data))
        == vector.expected)
  }

  @Test("a precomputed key matches the RFC 4231 vectors, call after call", arguments: rfc4231)
  func precomputedKeyVectors(_ vector: Case) {
    let key = HMACSHA256Key(vector.key)
    for _ in 0..<3 {
      #expect(Hex.encode(key.authenticationCode(message: vector.data)) == vector.expected)
    }
  }

  @Test("signing parts equals signing their concatenation, in every form")
  func partsEqualConcatenation() {
    let key = Array("Jefe".utf8)
    let parts: [[UInt8]] = [Array("what do ya ".utf8), [], Array("want for nothing?".utf8)]
    let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    #expect(Hex.encode(HMACSHA256.authenticationCode(key: key, messageParts: parts)) == expected)
    #expect(Hex.encode(HMACSHA256Key(key).authenticationCode(messageParts: parts)) == expected)
    parts[0].withUnsafeBytes { first in
      parts[2].withUnsafeBytes { last in
        #expect(
          Hex.encode(HMACSHA256.authenticationCode(key: key, parts: [first, last])) == expected)
        #expect(
          Hex.encode(HMACSHA256Key(key).authenticationCode(parts: [first, last])) == expected)
      }
    }
  }

  @Test("an empty key and an empty message give the known HMAC")
  func emptyKeyAndMessage() {
    let expected = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
    #expect(Hex.encode(HMACSHA256.authenticationCode(key: [], message: [])) == expected)
    #expect(Hex.encode(HMACSHA256Key([]).authenticationCode(message: [])) == expected)
  }

  @Test("one precomputed key gives correct results from many tasks at once")
  func concurrentUseOfOneKey() async {
    let vector = Self.rfc4231[1]
    let key = HMACSHA256Key(vector.key)
    let results = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<32 {
        group.addTask {
          (0..<200).allSatisfy { _ in
            Hex.encode(key.authenticationCode(message: vector.data)) == vector.expected
          }
        }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results.count == 32)
    #expect(results.allSatisfy { $0 })
  }
}
