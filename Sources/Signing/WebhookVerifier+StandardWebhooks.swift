import Foundation

extension WebhookVerifier {
  /// Standard Webhooks v1: `webhook-id`, `webhook-timestamp` and `webhook-signature`, a space-separated
  /// list of `v1,<base64>` entries, each an HMAC over `{id}.{timestamp}.{body}`.
  ///
  /// Entries of other versions (`v2,`, `v1a,`) are skipped. A header whose only entries are of other
  /// versions is `noMatchingSignature`; one with no well-formed entry at all is `malformedSignature`.
  func verifyStandardWebhooks(
    header: (String) -> String?, body: [UInt8], now: Date, checkTimestamp: Bool
  ) throws(VerificationFailure) -> VerifiedDelivery {
    guard var id = header("webhook-id"), !id.isEmpty else { throw .missingDeliveryID }
    guard var timestampText = header("webhook-timestamp"), !timestampText.isEmpty else {
      throw .missingTimestamp
    }
    guard let timestamp = UnixSeconds.parse(timestampText) else { throw .malformedTimestamp }
    guard var signatures = header("webhook-signature"), !signatures.isEmpty else {
      throw .missingSignature
    }
    if checkTimestamp, let failure = windowFailure(signedAt: timestamp, now: now) { throw failure }

    var candidates: [[UInt8]] = []
    var sawOtherVersion = false
    signatures.withUTF8 { bytes in
      HeaderSyntax.forEachPart(of: bytes, separatedBy: UInt8(ascii: " ")) { entry in
        guard let (version, value) = HeaderSyntax.split(entry, at: UInt8(ascii: ",")),
          !version.isEmpty
        else { return }
        guard HeaderSyntax.equals(version, "v1") else {
          sawOtherVersion = true
          return
        }
        if let decoded = Base64.decode(utf8: value), !decoded.isEmpty { candidates.append(decoded) }
      }
    }
    guard !candidates.isEmpty else {
      throw sawOtherVersion ? .noMatchingSignature : .malformedSignature
    }
    let matched = id.withUTF8 { idBytes in
      timestampText.withUTF8 { timestampBytes in
        anyKeyMatches(candidates) { key in
          SignedContent.standardWebhooks(
            key: key, id: UnsafeRawBufferPointer(idBytes),
            timestamp: UnsafeRawBufferPointer(timestampBytes), body: body)
        }
      }
    }
    guard matched else { throw .noMatchingSignature }
    return VerifiedDelivery(
      deliveryID: id, signedAt: Date(timeIntervalSince1970: TimeInterval(timestamp)))
  }
}
