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

  @Test(
    "a secure random buffer hands out each byte once, across block refills, and spreads them evenly"
  )
  func secureRandomBuffer() {
    let buffer = SecureRandomBuffer(blockSize: 64)
    #expect(buffer.blockSize == 64)
    #expect(buffer.bytes(count: 0).isEmpty)
    #expect(buffer.bytes(count: -1).isEmpty)
    #expect(buffer.bytes(count: 100).count == 100)
    // 26-byte pieces over many 64-byte blocks: no piece repeats, and every byte value turns up about as
    // often as the others (a stuck or repeating block would fail both).
    var pieces = Set<[UInt8]>()
    var counts = [Int](repeating: 0, count: 256)
    for _ in 0..<4_000 {
      let piece = buffer.bytes(count: 26)
      #expect(piece.count == 26)
      pieces.insert(piece)
      for byte in piece { counts[Int(byte)] += 1 }
    }
    #expect(pieces.count == 4_000)
    // 104,000 bytes: about 406 per value; a fair generator stays well inside 250...600.
    #expect(counts.allSatisfy { (250...600).contains($0) })
  }
}
