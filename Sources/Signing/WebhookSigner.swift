public import Foundation

/// Produces the signature headers of a scheme for outgoing deliveries (notifications, sandbox, replay).
public struct WebhookSigner: Sendable {
  /// The scheme whose headers this signer writes.
  public let scheme: SignatureScheme
  /// One precomputed key per secret, in the order given.
  private let keys: [HMACSHA256Key]

  /// A signer for `scheme` that signs with every one of `secrets` (github: only the first).
  public init(scheme: SignatureScheme, secrets: [WebhookSecret]) {
    self.scheme = scheme
    self.keys = secrets.map { HMACSHA256Key($0.keyBytes) }
  }

  /// Headers to send (lowercase names) for one delivery: its id header, then its signature header.
  ///
  /// With several secrets (rotation) standard-webhooks emits one `v1,` entry per secret, space-separated,
  /// and crustdata emits `t=..,v1=..,v1=..`; github signs with the first secret only. `timestamp` is
  /// floored to whole seconds. With no secrets the signature header is left out (receivers will refuse).
  /// `deliveryID` is sent as given, so it must be a valid header value (no CR, LF or control characters).
  public func headers(deliveryID: String, timestamp: Date, body: [UInt8]) -> [(
    name: String, value: String
  )] {
    var seconds = String(UnixSeconds.floor(timestamp))
    var id = deliveryID
    switch scheme {
    case .standardWebhooks:
      var headers = [
        (name: "webhook-id", value: deliveryID), (name: "webhook-timestamp", value: seconds),
      ]
      if !keys.isEmpty {
        let entries = keys.map { key in
          let mac = id.withUTF8 { idBytes in
            seconds.withUTF8 { secondsBytes in
              SignedContent.standardWebhooks(
                key: key, id: UnsafeRawBufferPointer(idBytes),
                timestamp: UnsafeRawBufferPointer(secondsBytes), body: body)
            }
          }
          return "v1," + Base64.encode(mac)
        }
        headers.append((name: "webhook-signature", value: entries.joined(separator: " ")))
      }
      return headers
    case .crustdata:
      var headers = [(name: "x-crustdata-event-id", value: deliveryID)]
      if !keys.isEmpty {
        let parts = keys.map { key in
          let mac = seconds.withUTF8 { secondsBytes in
            SignedContent.crustdata(
              key: key, timestamp: UnsafeRawBufferPointer(secondsBytes), body: body)
          }
          return "v1=" + Hex.encode(mac)
        }
        headers.append(
          (name: "x-crustdata-signature", value: (["t=" + seconds] + parts).joined(separator: ",")))
      }
      return headers
    case .github:
      var headers = [(name: "x-github-delivery", value: deliveryID)]
      if let first = keys.first {
        headers.append(
          (
            name: "x-hub-signature-256",
            value: "sha256=" + Hex.encode(SignedContent.github(key: first, body: body))
          ))
      }
      return headers
    }
  }
}
