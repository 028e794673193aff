import Synchronization

/// Cryptographically secure random bytes for many small identifiers: `SecureRandom` (OpenSSL's DRBG) is
/// asked for a block at a time and the block is handed out in order, each byte once. Asking OpenSSL once
/// per 26-byte id cost a few microseconds each, which tens of thousands of ids a second notice.
///
/// For identifiers that must be unguessable, not for keys: the unused rest of a block stays in memory
/// until it is handed out.
public final class SecureRandomBuffer: Sendable {
  /// Bytes fetched at a time.
  public let blockSize: Int
  private let state: Mutex<(bytes: [UInt8], next: Int)>

  /// Creates a buffer that fetches `blockSize` bytes at a time (at least 64).
  public init(blockSize: Int = 4096) {
    self.blockSize = max(64, blockSize)
    state = Mutex(([], 0))
  }

  /// The next `count` bytes (an empty array when `count` is zero or negative); larger requests than a
  /// block go to `SecureRandom` directly.
  public func bytes(count: Int) -> [UInt8] {
    guard count > 0 else { return [] }
    guard count <= blockSize else { return SecureRandom.bytes(count: count) }
    return state.withLock { state in
      if state.bytes.count - state.next < count {
        state.bytes = SecureRandom.bytes(count: blockSize)
        state.next = 0
      }
      defer { state.next += count }
      return Array(state.bytes[state.next..<(state.next + count)])
    }
  }
}
