public import Foundation

/// A verified delivery on its way into the inbox.
public struct InboxDelivery: Sendable, Hashable {
  /// The configured source name (the `{source}` of `POST /webhooks/{source}`).
  public var source: String
  /// The provider's delivery id: the idempotency key within the source.
  public var deliveryID: String
  /// The signature scheme it was verified with.
  public var scheme: String
  /// The payload format its adapter reads.
  public var format: String
  /// When we received it.
  public var receivedAt: Date
  /// The signed timestamp, when the scheme has one.
  public var signedAt: Date?
  /// The headers worth keeping (ids, timestamps, event names); never a signature or a secret.
  public var headers: [String: String] {
    didSet { headersJSON = InboxHeadersJSON.encode(headers) }
  }
  /// `headers` as stored: a JSON object with sorted keys. Encoded when the delivery is made (on the
  /// receiving thread), so the group-commit writer only binds it.
  public private(set) var headersJSON: String
  /// The body, byte-exact.
  public var body: [UInt8]

  /// Creates a delivery.
  public init(
    source: String, deliveryID: String, scheme: String, format: String, receivedAt: Date,
    signedAt: Date?, headers: [String: String], body: [UInt8]
  ) {
    self.source = source
    self.deliveryID = deliveryID
    self.scheme = scheme
    self.format = format
    self.receivedAt = receivedAt
    self.signedAt = signedAt
    self.headers = headers
    self.headersJSON = InboxHeadersJSON.encode(headers)
    self.body = body
  }
}
