import CCrypto

/// HMAC-SHA256 (RFC 2104 with SHA-256) through OpenSSL's libcrypto: the MAC every webhook scheme uses.
///
/// For a key used many times (a webhook secret), build an `HMACSHA256Key` once instead: it skips the
/// per-call key schedule and reuses OpenSSL contexts.
public enum HMACSHA256 {
  /// Length of an HMAC-SHA256 result in bytes.
  public static let byteCount = 32

  /// The 32-byte HMAC-SHA256 of `message` under `key` (any key length, empty included).
  public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
    oneShot(key: key) { update in message.withUnsafeBytes(update) }
  }

  /// The 32-byte HMAC-SHA256 of the concatenation of `messageParts`, without concatenating them.
  ///
  /// Made for signed contents such as `{id}.{timestamp}.{body}`: the body is hashed in place.
  public static func authenticationCode(key: [UInt8], messageParts: [[UInt8]]) -> [UInt8] {
    oneShot(key: key) { update in
      for part in messageParts { part.withUnsafeBytes(update) }
    }
  }

  /// The 32-byte HMAC-SHA256 of the concatenation of raw byte regions, without copying them.
  public static func authenticationCode(key: [UInt8], parts: [UnsafeRawBufferPointer]) -> [UInt8] {
    oneShot(key: key) { update in
      for part in parts { update(part) }
    }
  }

  /// Keys a fresh context, feeds it, finishes it and frees it.
  private static func oneShot(
    key: [UInt8], _ feed: (_ update: (UnsafeRawBufferPointer) -> Void) -> Void
  ) -> [UInt8] {
    let context = key.withUnsafeBufferPointer { tw_hmac_sha256_new($0.baseAddress, $0.count) }
    guard let context else {
      preconditionFailure("libcrypto could not create an HMAC-SHA256 context")
    }
    defer { EVP_MAC_CTX_free(context) }
    return finish(context, feed)
  }

  /// Feeds a keyed, freshly initialised `EVP_MAC_CTX` and returns its 32-byte result.
  ///
  /// Traps only if libcrypto itself fails on a valid context, which no input bytes can cause.
  static func finish(
    _ context: OpaquePointer, _ feed: (_ update: (UnsafeRawBufferPointer) -> Void) -> Void
  ) -> [UInt8] {
    var succeeded = true
    feed { bytes in
      guard let base = bytes.baseAddress, bytes.count > 0 else { return }
      if EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count) != 1 {
        succeeded = false
      }
    }
    let result = [UInt8](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
      var written = 0
      if EVP_MAC_final(context, buffer.baseAddress, &written, byteCount) != 1
        || written != byteCount
      {
        succeeded = false
        buffer.initialize(repeating: 0)
      }
      initialized = byteCount
    }
    precondition(succeeded, "libcrypto failed to compute an HMAC-SHA256")
    return result
  }
}
