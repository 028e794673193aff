/// The outcome of walking the audit chain.
public struct AuditVerification: Sendable, Hashable {
  /// The first entry that does not fit and why.
  public struct Failure: Sendable, Hashable {
    /// Its sequence number.
    public var seq: Int64
    /// Why it does not fit, in words.
    public var reason: String

    /// Creates a failure.
    public init(seq: Int64, reason: String) {
      self.seq = seq
      self.reason = reason
    }
  }

  /// How many entries were checked (up to and including the failing one).
  public var checked: Int
  /// The first entry that does not fit; nil when the chain is intact.
  public var failure: Failure?

  /// The newest entry checked, nil for an empty log.
  public var head: AuditHead?

  /// Creates an outcome.
  public init(checked: Int, failure: Failure?, head: AuditHead? = nil) {
    self.checked = checked
    self.failure = failure
    self.head = head
  }

  /// `true` when every entry fits.
  public var isIntact: Bool { failure == nil }
}
