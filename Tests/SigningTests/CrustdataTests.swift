import Foundation
import Signing
import Testing

/// The Crustdata scheme: `t=<unix>,v1=<hex>` over `{t}.{body}`, keyed by the API key.
@Suite("crustdata scheme")
struct CrustdataTests {
  /// The account API key that doubles as the signing key.
  static let apiKey = "cd_live_4f9a2c7e1b"
  /// The event id header value.
  static let eventID = "evt_01JDELIVERY"
  /// The `t=` value of the deliveries under test.
  static let signedAt = 1_764_480_012
  /// A watch delivery body, as raw bytes.
  static let body = Array(#"{"metadata":{"watch_id":812,"test":false},"changes":[]}"#.utf8)

  /// The signature computed independently of the scheme code: HMAC over the literal `"{t}.{body}"`.
  static func independentSignature(key: String = apiKey, timestamp: Int = signedAt) -> String {
    let content = Array("\(timestamp).".utf8) + body
    return Hex.encode(HMACSHA256.authenticationCode(key: Array(key.utf8), message: content))
  }

  /// A crustdata verifier for `keys`.
  func verifier(_ keys: [String] = [apiKey], tolerance: Int = 300) throws -> WebhookVerifier {
    WebhookVerifier(
      scheme: .crustdata, secrets: try keys.map { try WebhookSecret(scheme: .crustdata, text: $0) },
      toleranceSeconds: tolerance)
  }

  /// The failure verifying `body` with `values` as headers at `now`, or nil when it verifies.
  func refusal(_ values: [String: String], now: Int = signedAt) throws -> VerificationFailure? {
    let verifier = try verifier()
    let headers = TestHeaders(values)
    return failure { () throws(VerificationFailure) in
      try verifier.verify(header: headers.lookup, body: Self.body, now: unix(now))
    }
  }

  @Test("an independently computed signature passes and yields the event id")
  func independentSignaturePasses() throws {
    let headers = TestHeaders([
      "x-crustdata-event-id": Self.eventID,
      "x-crustdata-signature": "t=\(Self.signedAt),v1=\(Self.independentSignature())",
    ])
    let delivery = try verifier().verify(
      header: headers.lookup, body: Self.body, now: unix(Self.signedAt + 10))
    #expect(delivery == VerifiedDelivery(deliveryID: Self.eventID, signedAt: unix(Self.signedAt)))
  }

  @Test("several v1 parts, unknown parts, spaces and uppercase hex are accepted")
  func severalPartsAndUnknownOnes() throws {
    let good = Self.independentSignature().uppercased()
    let stale = Self.independentSignature(key: "old-key")
    let headers = TestHeaders([
      "x-crustdata-event-id": Self.eventID,
      "x-crustdata-signature": "t=\(Self.signedAt), v0=abcd, v1=\(stale), kid=7, v1=\(good)",
    ])
    _ = try verifier().verify(header: headers.lookup, body: Self.body, now: unix(Self.signedAt))
  }

  @Test("a signature made with another key fails")
  func wrongKeyFails() throws {
    let refused = try refusal([
      "x-crustdata-event-id": Self.eventID,
      "x-crustdata-signature":
        "t=\(Self.signedAt),v1=\(Self.independentSignature(key: "someone-else"))",
    ])
    #expect(refused == .noMatchingSignature)
  }

  @Test("a missing event id is refused with 400")
  func missingEventID() throws {
    let refused = try refusal([
      "x-crustdata-signature": "t=\(Self.signedAt),v1=\(Self.independentSignature())"
    ])
    #expect(refused == .missingDeliveryID)
    #expect(refused?.httpStatus == 400)
    #expect(refused?.reason == "missing_delivery_id")
  }

  @Test("a stale timestamp fails even with a valid signature; 300 s old still passes")
  func staleTimestampFails() throws {
    let headers = [
      "x-crustdata-event-id": Self.eventID,
      "x-crustdata-signature": "t=\(Self.signedAt),v1=\(Self.independentSignature())",
    ]
    #expect(try refusal(headers, now: Self.signedAt + 300) == nil)
    #expect(try refusal(headers, now: Self.signedAt + 301) == .timestampTooOld)
    #expect(try refusal(headers, now: Self.signedAt - 301) == .timestampInFuture)
  }

  @Test("a changed timestamp breaks the signature")
  func timestampIsSigned() throws {
    let refused = try refusal([
      "x-crustdata-event-id": Self.eventID,
      "x-crustdata-signature": "t=\(Self.signedAt + 1),v1=\(Self.independentSignature())",
    ])
    #expect(refused == .noMatchingSignature)
  }

  @Test("missing or malformed parts of the signature header give their own failures")
  func malformedHeaders() throws {
    let signature = Self.independentSignature()
    func refused(_ value: String?) throws -> VerificationFailure? {
      var values = ["x-crustdata-event-id": Self.eventID]
      values["x-crustdata-signature"] = value
      return try refusal(values)
    }
    #expect(try refused(nil) == .missingSignature)
    #expect(try refused("v1=\(signature)") == .missingTimestamp)
    #expect(try refused("t=,v1=\(signature)") == .missingTimestamp)
    #expect(try refused("t=yesterday,v1=\(signature)") == .malformedTimestamp)
    #expect(try refused("t=\(Self.signedAt),t=1,v1=\(signature)") == .malformedTimestamp)
    #expect(try refused("t=\(Self.signedAt)") == .malformedSignature)
    #expect(try refused("t=\(Self.signedAt),v1=not-hex") == .malformedSignature)
  }
}
