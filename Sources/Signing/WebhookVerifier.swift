public import Foundation

/// Checks that a webhook delivery was signed by its source, over the raw body bytes, with a fresh timestamp.
///
/// Every signature in the request is tried against every active secret (rotation), compared in constant
/// time. Timestamps are integer Unix seconds; one more than `toleranceSeconds` away from `now`, in the
/// past or the future, is refused, exactly `toleranceSeconds` is accepted (`now` is floored to seconds).
/// The cheap header checks come first, so a flood of stale or unsigned requests costs no HMAC.
public struct WebhookVerifier: Sendable {
  /// The scheme this verifier reads.
  public let scheme: SignatureScheme
  /// Accepted clock difference in seconds, either way (negative values count as 0).
  public let toleranceSeconds: Int
  /// One precomputed key per active secret, in configuration order.
  let keys: [HMACSHA256Key]

  /// A verifier for `scheme` accepting signatures by any of `secrets`.
  ///
  /// With no secrets every delivery fails with `noMatchingSignature` (configuration should refuse that).
  public init(scheme: SignatureScheme, secrets: [WebhookSecret], toleranceSeconds: Int = 300) {
    self.scheme = scheme
    self.toleranceSeconds = max(0, toleranceSeconds)
    self.keys = secrets.map { HMACSHA256Key($0.keyBytes) }
  }

  /// Verifies one delivery and returns its id (and signed time), or throws why it is refused.
  ///
  /// - Parameters:
  ///   - header: the request's header value for a lowercase name, or nil when absent.
  ///   - body: the raw body exactly as received; never a re-serialised parse of it.
  ///   - now: the receiver's clock.
  ///   - checkTimestamp: false to verify an old stored delivery (replay); the signature still covers the
  ///     timestamp, which must still be present and well formed where the scheme signs one.
  public func verify(
    header: (String) -> String?, body: [UInt8], now: Date, checkTimestamp: Bool = true
  ) throws(VerificationFailure) -> VerifiedDelivery {
    switch scheme {
    case .standardWebhooks:
      try verifyStandardWebhooks(
        header: header, body: body, now: now, checkTimestamp: checkTimestamp)
    case .crustdata:
      try verifyCrustdata(header: header, body: body, now: now, checkTimestamp: checkTimestamp)
    case .github:
      try verifyGitHub(header: header, body: body)
    }
  }

  /// Why a signed time is refused: more than `toleranceSeconds` before or after `now`; nil when fresh.
  func windowFailure(signedAt timestamp: Int, now: Date) -> VerificationFailure? {
    let age = UnixSeconds.floor(now) - timestamp
    if age > toleranceSeconds { return .timestampTooOld }
    if age < -toleranceSeconds { return .timestampInFuture }
    return nil
  }

  /// Whether any of `candidates` equals the MAC `expected(key)` of any active key (constant-time compare).
  func anyKeyMatches(_ candidates: [[UInt8]], expected: (HMACSHA256Key) -> [UInt8]) -> Bool {
    keys.contains { key in
      let mac = expected(key)
      return candidates.contains { ConstantTime.equals(mac, $0) }
    }
  }
}
