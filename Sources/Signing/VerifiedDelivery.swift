public import Foundation

/// What a successful verification vouches for: the sender's delivery id and, when signed, its timestamp.
public struct VerifiedDelivery: Sendable, Hashable {
  /// The delivery id from the scheme's id header: the de-duplication key.
  public let deliveryID: String
  /// The signed send time; nil for schemes that sign no timestamp (github).
  public let signedAt: Date?

  /// Creates a verified delivery; normally only `WebhookVerifier` does.
  public init(deliveryID: String, signedAt: Date?) {
    self.deliveryID = deliveryID
    self.signedAt = signedAt
  }
}
