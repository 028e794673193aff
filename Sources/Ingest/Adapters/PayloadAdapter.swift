/// Turns the raw body of one verified delivery into canonical signals: a pure function, no I/O and no clock.
public protocol PayloadAdapter: Sendable {
  /// The format name a source names in its configuration (`canonical`, `crustdata-watch`, ...).
  var format: String { get }

  /// Decodes a body; bad input gets an `AdapterError` whose reason names paths and types, never payload values.
  func decode(_ body: [UInt8]) throws(AdapterError) -> DecodedDelivery
}
