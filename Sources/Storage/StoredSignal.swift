public import Domain
public import Foundation

/// A signal as kept in the database, resolved to one of our candidates.
public struct StoredSignal: Sendable, Hashable {
  /// Row id.
  public var id: Int64
  /// The delivery it came from.
  public var inboxID: Int64
  /// Its position in that delivery.
  public var ordinal: Int
  /// The candidate it is about.
  public var candidateID: Int64
  /// When the delivery was received.
  public var receivedAt: Date
  /// The signal itself, with the provider's detection time.
  public var signal: Signal
}
