import Foundation
import Signing
import Testing

/// The Standard Webhooks scheme against the official test vector and the reference libraries' cases.
@Suite("standard-webhooks scheme")
struct StandardWebhooksTests {
  /// The official test vector: secret.
  static let secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
  /// The official test vector: message id.
  static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
  /// The official test vector: timestamp.
  static let timestamp = 1_614_265_330
  /// The official test vector: payload bytes (note the space after the colon).
  static let body = Array(#"{"test": 2432232314}"#.utf8)
  /// The official test vector: expected signature entry.
  static let signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

  /// A standard-webhooks verifier for the secrets `texts`.
  func verifier(_ texts: [String] = [secretText]) throws -> WebhookVerifier {
    WebhookVerifier(
      scheme: .standardWebhooks,
      secrets: try texts.map { try WebhookSecret(scheme: .standardWebhooks, text: $0) })
  }

  /// The official vector's headers, with the signature or timestamp replaced when given.
  func headers(signature: String = signature, timestamp: Int = timestamp) -> TestHeaders {
    TestHeaders([
      "webhook-id": Self.id, "webhook-timestamp": String(timestamp), "webhook-signature": signature,
    ])
  }

  @Test("the official vector verifies and yields the id and signed time")
  func officialVectorVerifies() throws {
    let headers = headers()
    let delivery = try verifier().verify(
      header: headers.lookup, body: Self.body, now: unix(Self.timestamp))
    #expect(delivery == VerifiedDelivery(deliveryID: Self.id, signedAt: unix(Self.timestamp)))
  }

  @Test("the signer reproduces the official signature entry")
  func signerReproducesOfficialEntry() throws {
    let signer = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: Self.secretText)])
    let sent = TestHeaders(
      signer.headers(deliveryID: Self.id, timestamp: unix(Self.timestamp), body: Self.body))
    #expect(
      sent.values == [
        "webhook-id": Self.id, "webhook-timestamp": "1614265330",
        "webhook-signature": Self.signature,
      ])
  }

  @Test("a signature one character off fails")
  func oneCharacterOffFails() throws {
    let headers = headers(signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=")
    let verifier = try verifier()
    let refused = failure { () throws(VerificationFailure) in
      try verifier.verify(header: headers.lookup, body: Self.body, now: unix(Self.timestamp))
    }
    #expect(refused == .noMatchingSignature)
  }

  @Test("a re-serialised body fails even though it is the same JSON")
  func reserialisedBodyFails() throws {
    let headers = headers()
    let compact = Array(#"{"test":2432232314}"#.utf8)
    let verifier = try verifier()
    let refused = failure { () throws(VerificationFailure) in
      try verifier.verify(header: headers.lookup, body: compact, now: unix(Self.timestamp))
    }
    #expect(refused == .noMatchingSignature)
  }

  @Test("tolerance: exactly 5 minutes either way passes, 5 minutes and 1 second fails")
  func toleranceBoundaries() throws {
    let verifier = try verifier()
    let signer = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: Self.secretText)])
    let now = 1_700_000_000
    func verify(signedAt: Int) -> VerificationFailure? {
      let sent = TestHeaders(
        signer.headers(deliveryID: Self.id, timestamp: unix(signedAt), body: Self.body))
      return failure { () throws(VerificationFailure) in
        try verifier.verify(header: sent.lookup, body: Self.body, now: unix(now))
      }
    }
    #expect(verify(signedAt: now - 300) == nil)
    #expect(verify(signedAt: now + 300) == nil)
    #expect(verify(signedAt: now - 301) == .timestampTooOld)
    #expect(verify(signedAt: now + 301) == .timestampInFuture)

    let official = headers()
    func verifyOfficial(now: Date) -> VerificationFailure? {
      failure { () throws(VerificationFailure) in
        try verifier.verify(header: official.lookup, body: Self.body, now: now)
      }
    }
    #expect(verifyOfficial(now: unix(Self.timestamp + 300)) == nil)
    #expect(verifyOfficial(now: unix(Self.timestamp - 300)) == nil)
    #expect(verifyOfficial(now: unix(Self.timestamp + 300).addingTimeInterval(0.9)) == nil)
    #expect(verifyOfficial(now: unix(Self.timestamp + 301)) == .timestampTooOld)
    #expect(verifyOfficial(now: unix(Self.timestamp - 301)) == .timestampInFuture)
  }

  @Test("an old delivery verifies when the timestamp check is off, but not with a wrong signature")
  func timestampCheckCanBeSkipped() throws {
    let good = headers()
    let delivery = try verifier().verify(
      header: good.lookup, body: Self.body, now: unix(Self.timestamp + 86_400 * 365),
      checkTimestamp: false)
    #expect(delivery.signedAt == unix(Self.timestamp))
    let bad = headers(signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=")
    let verifier = try verifier()
    let refused = failure { () throws(VerificationFailure) in
      try verifier.verify(
        header: bad.lookup, body: Self.body, now: unix(0), checkTimestamp: false)
    }
    #expect(refused == .noMatchingSignature)
  }

  @Test("a secret without the whsec_ prefix is read as the same base64 key")
  func secretWithoutPrefix() throws {
    let headers = headers()
    let unprefixed = String(Self.secretText.dropFirst("whsec_".count))
    _ = try verifier([unprefixed]).verify(
      header: headers.lookup, body: Self.body, now: unix(Self.timestamp))
  }

  /// Unpadded secrets as in the official Python library's test of unpadded secrets: `...LaLaS` needs one
  /// `=` (a 23-byte key) and `...LaSwBr` needs two (a 25-byte key). Both end in a character whose unused
  /// low bits are not zero; the reference decoder (`base64.b64decode(secret + "==")`) ignores them.
  /// The expected signatures over the official signed content were computed with that reference code.
  @Test(
    "unpadded secrets decode like the reference library and verify",
    arguments: [
      (
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", 23,
        "v1,LVOXivKoo4FWasi/IaHvzhE/u+7/cu2AME+zS/nXqzk="
      ),
      (
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr", 25,
        "v1,yK2tMbA6BHPrMEJ1lLv7UlJJbgFoqGenJkiajZ29evg="
      ),
    ])
  func unpaddedSecrets(text: String, keyLength: Int, signature: String) throws {
    let padding = String(repeating: "=", count: (4 - (text.count - "whsec_".count) % 4) % 4)
    #expect(
      try WebhookSecret(scheme: .standardWebhooks, text: text)
        == WebhookSecret(scheme: .standardWebhooks, text: text + padding))
    #expect(Base64.decode(String(text.dropFirst("whsec_".count)))?.count == keyLength)
    let headers = headers(signature: signature)
    let delivery = try verifier([text]).verify(
      header: headers.lookup, body: Self.body, now: unix(Self.timestamp))
    #expect(delivery.deliveryID == Self.id)
    let signer = WebhookSigner(
      scheme: .standardWebhooks, secrets: [try WebhookSecret(scheme: .standardWebhooks, text: text)]
    )
    let sent = TestHeaders(
      signer.headers(deliveryID: Self.id, timestamp: unix(Self.timestamp), body: Self.body))
    #expect(sent.values["webhook-signature"] == signature)
  }

  @Test("entries of other versions are skipped: v2 alone fails, v2 before a good v1 passes")
  func otherVersionsSkipped() throws {
    let onlyV2 = headers(signature: "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    let verifier = try verifier()
    let refused = failure { () throws(VerificationFailure) in
      try verifier.verify(header: onlyV2.lookup, body: Self.body, now: unix(Self.timestamp))
    }
    #expect(refused == .noMatchingSignature)
    #expect(refused?.httpStatus == 401)
    let mixed = headers(signature: "v2,xxx v1a,yyy " + Self.signature)
    _ = try verifier.verify(header: mixed.lookup, body: Self.body, now: unix(Self.timestamp))
  }

  @Test("the reference libraries' multi-signature header passes")
  func multiSignatureHeader() throws {
    let listed = [
      "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
      "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
      Self.signature, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
    ]
    let headers = headers(signature: listed.joined(separator: " "))
    _ = try verifier().verify(header: headers.lookup, body: Self.body, now: unix(Self.timestamp))
    let spaced = self.headers(signature: "  v2,abc   " + Self.signature + "  ")
    _ = try verifier().verify(header: spaced.lookup, body: Self.body, now: unix(Self.timestamp))
  }

  @Test("rotation: with two active secrets, a header signed by either one passes")
  func rotationAcceptsEitherSecret() throws {
    let newText = "whsec_" + Base64.encode(SecureRandom.bytes(count: 32))
    let verifier = try verifier([Self.secretText, newText])
    for text in [Self.secretText, newText] {
      let signer = WebhookSigner(
        scheme: .standardWebhooks,
        secrets: [try WebhookSecret(scheme: .standardWebhooks, text: text)])
      let sent = TestHeaders(
        signer.headers(deliveryID: Self.id, timestamp: unix(Self.timestamp), body: Self.body))
      _ = try verifier.verify(header: sent.lookup, body: Self.body, now: unix(Self.timestamp))
    }
    let stranger = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: [
        try WebhookSecret(scheme: .standardWebhooks, keyBytes: SecureRandom.bytes(count: 32))
      ])
    let forged = TestHeaders(
      stranger.headers(deliveryID: Self.id, timestamp: unix(Self.timestamp), body: Self.body))
    let refused = failure { () throws(VerificationFailure) in
      try verifier.verify(header: forged.lookup, body: Self.body, now: unix(Self.timestamp))
    }
    #expect(refused == .noMatchingSignature)
  }

  @Test("a signer with two secrets emits two space-separated v1 entries, each verifiable alone")
  func signerEmitsOneEntryPerSecret() throws {
    let other = "whsec_" + Base64.encode(SecureRandom.bytes(count: 24))
    let signer = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: try [Self.secretText, other].map {
        try WebhookSecret(scheme: .standardWebhooks, text: $0)
      })
    let sent = TestHeaders(
      signer.headers(deliveryID: Self.id, timestamp: unix(Self.timestamp), body: Self.body))
    let entries = try #require(sent.values["webhook-signature"]).split(separator: " ").map(
      String.init)
    #expect(entries.count == 2)
    #expect(entries[0] == Self.signature)
    _ = try verifier([other]).verify(
      header: sent.lookup, body: Self.body, now: unix(Self.timestamp))
  }

  @Test("missing and malformed headers give their own failures")
  func missingAndMalformedHeaders() throws {
    let verifier = try verifier()
    func refusal(_ values: [String: String]) -> VerificationFailure? {
      let headers = TestHeaders(values)
      return failure { () throws(VerificationFailure) in
        try verifier.verify(header: headers.lookup, body: Self.body, now: unix(Self.timestamp))
      }
    }
    let complete = headers().values
    var values = complete
    values["webhook-id"] = nil
    #expect(refusal(values) == .missingDeliveryID)
    values = complete
    values["webhook-id"] = ""
    #expect(refusal(values) == .missingDeliveryID)
    values = complete
    values["webhook-timestamp"] = nil
    #expect(refusal(values) == .missingTimestamp)
    for bad in [
      "hello", "1614265330.5", "-1614265330", " 1614265330", "1e9", "99999999999999999999",
    ] {
      values = complete
      values["webhook-timestamp"] = bad
      #expect(refusal(values) == .malformedTimestamp)
    }
    values = complete
    values["webhook-signature"] = nil
    #expect(refusal(values) == .missingSignature)
    for bad in ["garbage", "v1,", "v1,not*base64!", ",abc"] {
      values = complete
      values["webhook-signature"] = bad
      #expect(refusal(values) == .malformedSignature)
    }
  }
}
