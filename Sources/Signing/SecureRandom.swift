import CCrypto

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`), for secrets and tokens.
public enum SecureRandom {
  /// `count` random bytes (an empty array when `count` is zero or negative).
  ///
  /// Traps if OpenSSL's generator reports failure. This is deliberate: that only happens when the
  /// generator cannot be seeded (a broken machine, never bad input), and a caller that carried on
  /// with predictable bytes would mint guessable secrets; stopping is the only safe answer.
  public static func bytes(count: Int) -> [UInt8] {
    guard count > 0 else { return [] }
    var succeeded = true
    let result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      buffer.initialize(repeating: 0)
      initialized = count
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < count && succeeded {
        let chunk = min(count - offset, 1 << 30)
        if RAND_bytes(base + offset, Int32(chunk)) != 1 { succeeded = false }
        offset += chunk
      }
    }
    precondition(
      succeeded, "OpenSSL's random generator failed (RAND_bytes); refusing weak randomness")
    return result
  }
}
