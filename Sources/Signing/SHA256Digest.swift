import CCrypto

/// SHA-256 through OpenSSL's libcrypto: for token fingerprints and content digests.
public enum SHA256Digest {
  /// Length of a SHA-256 digest in bytes.
  public static let byteCount = 32

  /// The 32-byte SHA-256 digest of `bytes`.
  ///
  /// Traps only if libcrypto itself fails (allocation failure), which no input can cause.
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var succeeded = true
    let digest = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
      let produced = bytes.withUnsafeBufferPointer { input in
        SHA256(input.baseAddress, input.count, buffer.baseAddress)
      }
      if produced == nil {
        succeeded = false
        buffer.initialize(repeating: 0)
      }
      initialized = byteCount
    }
    precondition(succeeded, "libcrypto failed to compute a SHA-256 digest")
    return digest
  }

  /// The SHA-256 digest of `bytes` as 64 lowercase hex characters.
  public static func hex(_ bytes: [UInt8]) -> String {
    Hex.encode(hash(bytes))
  }
}
