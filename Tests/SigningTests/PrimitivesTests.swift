import Signing
import Testing

/// SHA-256, constant-time comparison and secure randomness.
@Suite("digest, comparison and randomness")
struct PrimitivesTests {
  @Test("SHA-256 of \"abc\" and of nothing are the published digests")
  func sha256KnownDigests() {
    #expect(
      SHA256Digest.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256Digest.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256Digest.hash(Array("abc".utf8)).count == 32)
  }

  @Test("constant-time equals: equal bytes match, a differing byte or length does not")
  func constantTimeEquals() {
    #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
    #expect(ConstantTime.equals([], []))
    #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
    #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
    #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
    #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
    #expect(!ConstantTime.equals([], [0]))
  }

  @Test("secure random gives the requested length and differs between calls")
  func secureRandomBytes() {
    let first = SecureRandom.bytes(count: 32)
    let second = SecureRandom.bytes(count: 32)
    #expect(first.count == 32)
    #expect(second.count == 32)
    #expect(first != second)
    #expect(SecureRandom.bytes(count: 0).isEmpty)
    #expect(SecureRandom.bytes(count: -1).isEmpty)
  }
}
