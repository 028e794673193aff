import CCrypto
import Foundation

/// An HMAC-SHA256 key whose OpenSSL key schedule is computed once, for authenticating many messages fast.
///
/// Keyed contexts are reused through a small pool, so a steady stream of calls allocates only the
/// 32-byte results. The key bytes live only inside OpenSSL and are never printed.
public final class HMACSHA256Key: @unchecked Sendable {
  // `idle` is read and written only while holding `lock`; a context checked out of the pool is used by
  // exactly one caller until it is checked back in. `template` is never hashed into, only duplicated.
  private let lock = NSLock()
  private var idle: [OpaquePointer] = []
  private let template: OpaquePointer

  /// Idle contexts kept for reuse; more are freed when returned (plenty for the server's threads).
  private static let maximumIdle = 16

  /// Sets up the key schedule for `key` (any length; longer than 64 bytes is hashed first, as HMAC says).
  ///
  /// Traps only if libcrypto cannot create a context (allocation failure), which no key can cause.
  public init(_ key: [UInt8]) {
    let context = key.withUnsafeBufferPointer { tw_hmac_sha256_new($0.baseAddress, $0.count) }
    guard let context else {
      preconditionFailure("libcrypto could not create an HMAC-SHA256 context")
    }
    template = context
  }

  deinit {
    EVP_MAC_CTX_free(template)
    for context in idle { EVP_MAC_CTX_free(context) }
  }

  /// The 32-byte HMAC-SHA256 of `message`.
  public func authenticationCode(message: [UInt8]) -> [UInt8] {
    authenticationCode { update in message.withUnsafeBytes(update) }
  }

  /// The 32-byte HMAC-SHA256 of the concatenation of `messageParts`, without concatenating them.
  public func authenticationCode(messageParts: [[UInt8]]) -> [UInt8] {
    authenticationCode { update in
      for part in messageParts { part.withUnsafeBytes(update) }
    }
  }

  /// The 32-byte HMAC-SHA256 of the concatenation of raw byte regions, without copying them.
  public func authenticationCode(parts: [UnsafeRawBufferPointer]) -> [UInt8] {
    authenticationCode { update in
      for part in parts { update(part) }
    }
  }

  /// The HMAC of everything `feed` passes to its `update` argument, in order: the streaming core.
  func authenticationCode(_ feed: (_ update: (UnsafeRawBufferPointer) -> Void) -> Void) -> [UInt8] {
    let context = checkOut()
    let result = HMACSHA256.finish(context, feed)
    checkIn(context)
    return result
  }

  /// A keyed context ready for a new message: a pooled one, or a fresh duplicate of the template.
  private func checkOut() -> OpaquePointer {
    if let pooled = lock.withLock({ idle.popLast() }) { return pooled }
    guard let fresh = EVP_MAC_CTX_dup(template) else {
      preconditionFailure("libcrypto could not duplicate an HMAC-SHA256 context")
    }
    return fresh
  }

  /// Resets a used context and returns it to the pool, or frees it when the pool is full or reset fails.
  private func checkIn(_ context: OpaquePointer) {
    guard tw_hmac_reset(context) == 1 else {
      EVP_MAC_CTX_free(context)
      return
    }
    let kept = lock.withLock {
      guard idle.count < Self.maximumIdle else { return false }
      idle.append(context)
      return true
    }
    if !kept { EVP_MAC_CTX_free(context) }
  }
}
