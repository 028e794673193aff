import Foundation
import Signing
import Testing

/// What the signer sends, the verifier accepts: for every scheme, with rotation and random bodies.
@Suite("signer and verifier round trip")
struct SignerRoundTripTests {
  /// Two secret texts of `scheme`: a fresh random one and a fixed one.
  static func secretTexts(for scheme: SignatureScheme) -> [String] {
    switch scheme {
    case .standardWebhooks:
      [
        "whsec_" + Base64.encode(SecureRandom.bytes(count: 32)),
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      ]
    case .crustdata: ["cd_" + Hex.encode(SecureRandom.bytes(count: 16)), "cd_previous_key"]
    case .github: ["gh-" + Hex.encode(SecureRandom.bytes(count: 16)), "gh-next"]
    }
  }

  @Test(
    "signed headers verify, for each scheme, and a flipped body byte does not",
    arguments: SignatureScheme.allCases)
  func roundTrip(_ scheme: SignatureScheme) throws {
    let secrets = try Self.secretTexts(for: scheme).map {
      try WebhookSecret(scheme: scheme, text: $0)
    }
    let signer = WebhookSigner(scheme: scheme, secrets: secrets)
    let verifier = WebhookVerifier(scheme: scheme, secrets: secrets)
    let sentAt = Date(timeIntervalSince1970: 1_764_480_012.75)
    for length in [0, 1, 400, 20_000] {
      var body = SecureRandom.bytes(count: length)
      let id = "evt_\(length)"
      let sent = TestHeaders(signer.headers(deliveryID: id, timestamp: sentAt, body: body))
      #expect(sent.values[scheme.deliveryIDHeader] == id)
      #expect(sent.values[scheme.signatureHeader] != nil)
      let delivery = try verifier.verify(
        header: sent.lookup, body: body, now: sentAt.addingTimeInterval(2))
      #expect(delivery.deliveryID == id)
      #expect(
        delivery.signedAt == (scheme == .github ? nil : Date(timeIntervalSince1970: 1_764_480_012)))
      guard !body.isEmpty else { continue }
      body[body.count / 2] ^= 0x01
      let refused = failure { () throws(VerificationFailure) in
        try verifier.verify(header: sent.lookup, body: body, now: sentAt)
      }
      #expect(refused == .noMatchingSignature)
    }
  }

  @Test("crustdata signer emits t= then one v1= per secret")
  func crustdataHeaderShape() throws {
    let secrets = try ["a", "b"].map { try WebhookSecret(scheme: .crustdata, text: $0) }
    let sent = TestHeaders(
      WebhookSigner(scheme: .crustdata, secrets: secrets).headers(
        deliveryID: "e1", timestamp: unix(1_700_000_000), body: [1]))
    let parts = try #require(sent.values["x-crustdata-signature"]).split(separator: ",")
    #expect(parts.count == 3)
    #expect(parts[0] == "t=1700000000")
    #expect(parts[1].hasPrefix("v1=") && parts[2].hasPrefix("v1="))
    #expect(parts[1].count == 3 + 64)
  }

  @Test("a verifier only accepts secrets it was given; with none it accepts nothing")
  func noSecretsAcceptNothing() throws {
    let secret = try WebhookSecret(
      scheme: .standardWebhooks, keyBytes: SecureRandom.bytes(count: 32))
    let sent = TestHeaders(
      WebhookSigner(scheme: .standardWebhooks, secrets: [secret]).headers(
        deliveryID: "m", timestamp: unix(5), body: [1, 2]))
    let refused = failure { () throws(VerificationFailure) in
      try WebhookVerifier(scheme: .standardWebhooks, secrets: []).verify(
        header: sent.lookup, body: [1, 2], now: unix(5))
    }
    #expect(refused == .noMatchingSignature)
    #expect(
      WebhookSigner(scheme: .standardWebhooks, secrets: []).headers(
        deliveryID: "m", timestamp: unix(5), body: []
      ).count == 2)
  }
}
