import Foundation
import Signing
import Testing

/// The GitHub scheme: `sha256=<hex>` over the body, no signed timestamp.
@Suite("github scheme")
struct GitHubTests {
  /// The secret of GitHub's documented example.
  static let secret = "It's a Secret to Everybody"
  /// The payload of GitHub's documented example.
  static let body = Array("Hello, World!".utf8)
  /// The signature GitHub documents for that secret and payload.
  static let signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
  /// A delivery id in GitHub's GUID form.
  static let delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958"

  /// A github verifier for the documented secret.
  func verifier() throws -> WebhookVerifier {
    WebhookVerifier(
      scheme: .github, secrets: [try WebhookSecret(scheme: .github, text: Self.secret)])
  }

  @Test("GitHub's documented vector verifies, with no signed time, whatever the clock says")
  func documentedVector() throws {
    let headers = TestHeaders([
      "x-github-delivery": Self.delivery, "x-hub-signature-256": Self.signature,
    ])
    let delivery = try verifier().verify(header: headers.lookup, body: Self.body, now: unix(0))
    #expect(delivery == VerifiedDelivery(deliveryID: Self.delivery, signedAt: nil))
  }

  @Test("the signer reproduces GitHub's documented signature with the first secret only")
  func signerReproducesVector() throws {
    let signer = WebhookSigner(
      scheme: .github,
      secrets: try [Self.secret, "second"].map { try WebhookSecret(scheme: .github, text: $0) })
    let sent = TestHeaders(
      signer.headers(deliveryID: Self.delivery, timestamp: unix(0), body: Self.body))
    #expect(
      sent.values == ["x-github-delivery": Self.delivery, "x-hub-signature-256": Self.signature])
  }

  @Test("a changed body, a missing id and malformed signatures are refused")
  func refusals() throws {
    let verifier = try verifier()
    func refusal(_ values: [String: String], body: [UInt8] = Self.body) -> VerificationFailure? {
      let headers = TestHeaders(values)
      return failure { () throws(VerificationFailure) in
        try verifier.verify(header: headers.lookup, body: body, now: unix(0))
      }
    }
    let good = ["x-github-delivery": Self.delivery, "x-hub-signature-256": Self.signature]
    #expect(refusal(good, body: Array("Hello, World?".utf8)) == .noMatchingSignature)
    #expect(refusal(["x-hub-signature-256": Self.signature]) == .missingDeliveryID)
    #expect(refusal(["x-github-delivery": Self.delivery]) == .missingSignature)
    for bad in [
      "757107ea", "sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      "sha256=zz", "sha256=7571",
    ] {
      #expect(
        refusal(["x-github-delivery": Self.delivery, "x-hub-signature-256": bad])
          == .malformedSignature)
    }
  }
}
