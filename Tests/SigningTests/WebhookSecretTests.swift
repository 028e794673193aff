import Foundation
import Signing
import Testing

/// Parsing and redaction of configured secrets.
@Suite("webhook secrets")
struct WebhookSecretTests {
  @Test("empty secrets are refused for every scheme", arguments: SignatureScheme.allCases)
  func emptyRefused(_ scheme: SignatureScheme) {
    #expect(throws: SecretError.empty) { try WebhookSecret(scheme: scheme, text: "") }
    #expect(throws: SecretError.empty) { try WebhookSecret(scheme: scheme, text: "  ") }
    #expect(throws: SecretError.empty) { try WebhookSecret(scheme: scheme, keyBytes: []) }
  }

  @Test("a bare whsec_ prefix is empty, and bad base64 is refused as such")
  func standardWebhooksRefusals() {
    #expect(throws: SecretError.empty) {
      try WebhookSecret(scheme: .standardWebhooks, text: "whsec_")
    }
    #expect(throws: SecretError.invalidBase64) {
      try WebhookSecret(scheme: .standardWebhooks, text: "whsec_not base64!")
    }
    #expect(throws: SecretError.invalidBase64) {
      try WebhookSecret(scheme: .standardWebhooks, text: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw=")
    }
  }

  @Test("URL-safe and padded forms of one key are the same secret")
  func equivalentForms() throws {
    let bytes: [UInt8] = Array(repeating: 0xfb, count: 24) + [0xff]
    let standard = Base64.encode(bytes)
    let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(
      of: "/", with: "_")
    let unpadded = String(urlSafe.prefix { $0 != "=" })
    let reference = try WebhookSecret(scheme: .standardWebhooks, keyBytes: bytes)
    for text in ["whsec_" + standard, "whsec_" + urlSafe, "whsec_" + unpadded, standard] {
      #expect(try WebhookSecret(scheme: .standardWebhooks, text: text) == reference)
    }
  }

  @Test("crustdata and github secrets are the text's bytes, verbatim")
  func textSchemesKeepBytes() throws {
    #expect(
      try WebhookSecret(scheme: .github, text: "whsec_abc")
        == WebhookSecret(scheme: .github, keyBytes: Array("whsec_abc".utf8)))
    #expect(
      try WebhookSecret(scheme: .crustdata, text: "key ")
        != WebhookSecret(scheme: .crustdata, text: "key"))
  }

  @Test("a secret never prints its key")
  func redacted() throws {
    let secret = try WebhookSecret(scheme: .github, text: "It's a Secret to Everybody")
    #expect(secret.description == "WebhookSecret(redacted)")
    #expect(String(reflecting: secret) == "WebhookSecret(redacted)")
    #expect("\(secret)" == "WebhookSecret(redacted)")
    var dumped = ""
    dump(secret, to: &dumped)
    #expect(!dumped.contains("Secret to"))
    #expect(!dumped.contains("73"))  // no key byte values either ("s" is 0x73 = 115)
    #expect(!dumped.contains("115"))
    #expect(SecretError.empty.description == "empty secret")
  }
}
