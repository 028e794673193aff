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
  private let keys: [HMACSHA256Key]

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

  /// `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<b64> [v1,<b64> ...]` over `{id}.{t}.{body}`.
  private func verifyStandardWebhooks(
    header: (String) -> String?, body: [UInt8], now: Date, checkTimestamp: Bool
  ) throws(VerificationFailure) -> VerifiedDelivery {
    guard let id = header("webhook-id"), !id.isEmpty else { throw .missingDeliveryID }
    guard let timestampText = header("webhook-timestamp"), !timestampText.isEmpty else {
      throw .missingTimestamp
    }
    guard let timestamp = UnixSeconds.parse(timestampText[...]) else { throw .malformedTimestamp }
    guard let signatures = header("webhook-signature"), !signatures.isEmpty else {
      throw .missingSignature
    }
    if checkTimestamp { try checkWindow(signedAt: timestamp, now: now) }

    var candidates: [[UInt8]] = []
    var sawOtherVersion = false
    for entry in signatures.split(separator: " ") {
      guard let comma = entry.firstIndex(of: ","), comma != entry.startIndex else { continue }
      guard entry[..<comma] == "v1" else {
        sawOtherVersion = true
        continue
      }
      if let decoded = Base64.decode(entry[entry.index(after: comma)...]), !decoded.isEmpty {
        candidates.append(decoded)
      }
    }
    guard !candidates.isEmpty else {
      // Only entries of versions we do not accept (`v2,`, `v1a,`): well formed, but nothing matches.
      throw sawOtherVersion ? .noMatchingSignature : .malformedSignature
    }
    for key in keys {
      let expected = SignedContent.standardWebhooks(
        key: key, id: id[...], timestamp: timestampText[...], body: body)
      if candidates.contains(where: { ConstantTime.equals(expected, $0) }) {
        return VerifiedDelivery(
          deliveryID: id, signedAt: Date(timeIntervalSince1970: TimeInterval(timestamp)))
      }
    }
    throw .noMatchingSignature
  }

  /// `x-crustdata-event-id`, `x-crustdata-signature: t=<unix>,v1=<hex>[,v1=<hex>...]` over `{t}.{body}`.
  private func verifyCrustdata(
    header: (String) -> String?, body: [UInt8], now: Date, checkTimestamp: Bool
  ) throws(VerificationFailure) -> VerifiedDelivery {
    guard let id = header("x-crustdata-event-id"), !id.isEmpty else { throw .missingDeliveryID }
    guard let signature = header("x-crustdata-signature"), !signature.isEmpty else {
      throw .missingSignature
    }
    var timestampText: Substring?
    var candidates: [[UInt8]] = []
    for rawPart in signature.split(separator: ",") {
      let part = rawPart.trimmingASCIISpaces()
      guard let equals = part.firstIndex(of: "=") else { continue }
      let value = part[part.index(after: equals)...]
      switch part[..<equals] {
      case "t":
        if let earlier = timestampText, earlier != value { throw .malformedTimestamp }
        timestampText = value
      case "v1":
        if let decoded = Hex.decode(value), !decoded.isEmpty { candidates.append(decoded) }
      default:
        continue  // unknown parts (other versions, future fields) are ignored
      }
    }
    guard let timestampText, !timestampText.isEmpty else { throw .missingTimestamp }
    guard let timestamp = UnixSeconds.parse(timestampText) else { throw .malformedTimestamp }
    if checkTimestamp { try checkWindow(signedAt: timestamp, now: now) }
    guard !candidates.isEmpty else { throw .malformedSignature }
    for key in keys {
      let expected = SignedContent.crustdata(key: key, timestamp: timestampText, body: body)
      if candidates.contains(where: { ConstantTime.equals(expected, $0) }) {
        return VerifiedDelivery(
          deliveryID: id, signedAt: Date(timeIntervalSince1970: TimeInterval(timestamp)))
      }
    }
    throw .noMatchingSignature
  }

  /// `x-github-delivery`, `x-hub-signature-256: sha256=<hex>` over the body; no timestamp is signed,
  /// so replays are stopped only by de-duplicating the delivery id.
  private func verifyGitHub(
    header: (String) -> String?, body: [UInt8]
  ) throws(VerificationFailure) -> VerifiedDelivery {
    guard let id = header("x-github-delivery"), !id.isEmpty else { throw .missingDeliveryID }
    guard let signature = header("x-hub-signature-256"), !signature.isEmpty else {
      throw .missingSignature
    }
    let prefix = "sha256="
    guard signature.hasPrefix(prefix),
      let candidate = Hex.decode(signature.dropFirst(prefix.count)),
      candidate.count == HMACSHA256.byteCount
    else { throw .malformedSignature }
    for key in keys where ConstantTime.equals(SignedContent.github(key: key, body: body), candidate)
    {
      return VerifiedDelivery(deliveryID: id, signedAt: nil)
    }
    throw .noMatchingSignature
  }

  /// Refuses a signed time more than `toleranceSeconds` before or after `now` (floored to seconds).
  private func checkWindow(signedAt timestamp: Int, now: Date) throws(VerificationFailure) {
    let age = UnixSeconds.floor(now) - timestamp
    if age > toleranceSeconds { throw .timestampTooOld }
    if age < -toleranceSeconds { throw .timestampInFuture }
  }
}

extension Substring {
  /// The substring without leading and trailing ASCII spaces and tabs.
  fileprivate func trimmingASCIISpaces() -> Substring {
    var result = self
    while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return result
  }
}
