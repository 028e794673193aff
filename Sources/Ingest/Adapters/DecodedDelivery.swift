public import Domain

/// What an adapter found in one delivery: the signals in payload order, and whether it was a provider test.
public struct DecodedDelivery: Sendable, Hashable {
  /// The signals, in payload order; may be empty.
  public var signals: [Signal]
  /// True for a provider's test delivery (it never carries signals, so nothing downstream acts on sample data).
  public var isTest: Bool

  /// Creates a decoded delivery.
  public init(signals: [Signal], isTest: Bool = false) {
    self.signals = signals
    self.isTest = isTest
  }
}
