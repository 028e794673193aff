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

  /// The newest entry checked (its sequence number and hash), nil for an empty log. Recorded outside
  /// the database, it lets a later verification prove the log was not cut or rewritten up to it.
  public var head: (seq: Int64, hash: String)? {
    guard let headSeq, let headHash else { return nil }
    return (headSeq, headHash)
  }
  private var headSeq: Int64?
  private var headHash: String?

  /// Creates an outcome.
  public init(checked: Int, failure: Failure?, head: (seq: Int64, hash: String)? = nil) {
    self.checked = checked
    self.failure = failure
    self.headSeq = head?.seq
    self.headHash = head?.hash
  }

  /// `true` when every entry fits.
  public var isIntact: Bool { failure == nil }
}
