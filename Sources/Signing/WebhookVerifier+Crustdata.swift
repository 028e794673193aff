import Foundation

extension WebhookVerifier {
  /// Crustdata: `x-crustdata-event-id`, and `x-crustdata-signature: t=<unix>,v1=<hex>[,v1=<hex>...]`
  /// where each `v1` is an HMAC over `{t}.{body}` keyed by the API key.
  ///
  /// Parts are comma-separated and may carry spaces around them; unknown parts are ignored. Two
  /// different `t=` values are `malformedTimestamp`; no usable `v1=` part is `malformedSignature`.
  func verifyCrustdata(
    header: (String) -> String?, body: [UInt8], now: Date, checkTimestamp: Bool
  ) throws(VerificationFailure) -> VerifiedDelivery {
    guard let id = header("x-crustdata-event-id"), !id.isEmpty else { throw .missingDeliveryID }
    guard var signature = header("x-crustdata-signature"), !signature.isEmpty else {
      throw .missingSignature
    }
    let outcome: Result<Int, VerificationFailure> = signature.withUTF8 { bytes in
      var timestampBytes: UnsafeBufferPointer<UInt8>?
      var conflictingTimestamps = false
      var candidates: [[UInt8]] = []
      HeaderSyntax.forEachPart(of: bytes, separatedBy: UInt8(ascii: ",")) { rawPart in
        guard
          let (name, value) = HeaderSyntax.split(
            HeaderSyntax.trimmingSpaces(rawPart), at: UInt8(ascii: "="))
        else { return }
        if HeaderSyntax.equals(name, "t") {
          if let earlier = timestampBytes, !HeaderSyntax.equals(earlier, value) {
            conflictingTimestamps = true
          }
          timestampBytes = value
        } else if HeaderSyntax.equals(name, "v1") {
          if let decoded = Hex.decode(utf8: value), !decoded.isEmpty { candidates.append(decoded) }
        }
      }
      if conflictingTimestamps { return .failure(.malformedTimestamp) }
      guard let timestampBytes, !timestampBytes.isEmpty else { return .failure(.missingTimestamp) }
      guard let timestamp = UnixSeconds.parse(utf8: timestampBytes) else {
        return .failure(.malformedTimestamp)
      }
      if checkTimestamp, let failure = windowFailure(signedAt: timestamp, now: now) {
        return .failure(failure)
      }
      guard !candidates.isEmpty else { return .failure(.malformedSignature) }
      let matched = anyKeyMatches(candidates) { key in
        SignedContent.crustdata(
          key: key, timestamp: UnsafeRawBufferPointer(timestampBytes), body: body)
      }
      return matched ? .success(timestamp) : .failure(.noMatchingSignature)
    }
    switch outcome {
    case .success(let timestamp):
      return VerifiedDelivery(
        deliveryID: id, signedAt: Date(timeIntervalSince1970: TimeInterval(timestamp)))
    case .failure(let failure):
      throw failure
    }
  }
}
