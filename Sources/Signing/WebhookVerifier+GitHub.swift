extension WebhookVerifier {
  /// GitHub: `x-github-delivery`, and `x-hub-signature-256: sha256=<hex>`, an HMAC over the body.
  ///
  /// No timestamp is signed, so a captured delivery stays valid forever: replays are stopped only by
  /// de-duplicating the delivery id, which GitHub keeps on redeliveries.
  func verifyGitHub(
    header: (String) -> String?, body: [UInt8]
  ) throws(VerificationFailure) -> VerifiedDelivery {
    guard let id = header("x-github-delivery"), !id.isEmpty else { throw .missingDeliveryID }
    guard var signature = header("x-hub-signature-256"), !signature.isEmpty else {
      throw .missingSignature
    }
    let candidate = signature.withUTF8 { bytes -> [UInt8]? in
      guard let (name, value) = HeaderSyntax.split(bytes, at: UInt8(ascii: "=")),
        HeaderSyntax.equals(name, "sha256"), let decoded = Hex.decode(utf8: value),
        decoded.count == HMACSHA256.byteCount
      else { return nil }
      return decoded
    }
    guard let candidate else { throw .malformedSignature }
    guard anyKeyMatches([candidate], expected: { SignedContent.github(key: $0, body: body) }) else {
      throw .noMatchingSignature
    }
    return VerifiedDelivery(deliveryID: id, signedAt: nil)
  }
}
