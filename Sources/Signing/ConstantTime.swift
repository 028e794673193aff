import CCrypto

/// Comparisons whose duration does not depend on where secret bytes differ (OpenSSL's `CRYPTO_memcmp`).
public enum ConstantTime {
  /// Whether `a` and `b` hold the same bytes.
  ///
  /// Different lengths answer `false` at once (lengths of MACs are public); equal lengths are compared
  /// in full, without stopping at the first difference.
  public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBytes { left in b.withUnsafeBytes { right in equals(left, right) } }
  }

  /// Whether two raw byte regions hold the same bytes; same contract as the array form.
  public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let left = a.baseAddress, let right = b.baseAddress else { return true }
    return CRYPTO_memcmp(left, right, a.count) == 0
  }
}
