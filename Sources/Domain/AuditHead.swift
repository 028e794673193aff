/// The newest entry of the audit log, by sequence number and hash. Recorded outside the database (the
/// journal, `audit verify`'s output), it lets a later verification prove the log was not cut short or
/// rewritten up to it.
public struct AuditHead: Sendable, Hashable {
  /// The entry's sequence number.
  public var seq: Int64
  /// The entry's hash (lower-case hex).
  public var hash: String

  /// A head.
  public init(seq: Int64, hash: String) {
    self.seq = seq
    self.hash = hash
  }
}
