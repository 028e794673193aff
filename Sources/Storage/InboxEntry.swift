public import Foundation

/// A stored delivery as read back from the inbox.
public struct InboxEntry: Sendable, Hashable {
  /// Inbox id.
  public var id: Int64
  /// Source name.
  public var source: String
  /// Provider delivery id.
  public var deliveryID: String
  /// Signature scheme.
  public var scheme: String
  /// Payload format.
  public var format: String
  /// When it was received.
  public var receivedAt: Date
  /// The signed timestamp, when the scheme has one.
  public var signedAt: Date?
  /// Kept headers.
  public var headers: [String: String]
  /// Status.
  public var status: InboxStatus
  /// The processing error (quarantine reason), if any.
  public var error: String?
  /// How many times processing ran.
  public var attempts: Int
  /// When processing last finished.
  public var processedAt: Date?
  /// Signals written from this delivery.
  public var signalCount: Int
  /// Signals about people we do not hold.
  public var ignoredCount: Int
  /// Body size in bytes (kept after the body is deleted).
  public var bodySize: Int
  /// The body, when it was asked for and is still held.
  public var body: [UInt8]?
}
