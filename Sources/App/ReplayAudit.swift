/// Where every replay is recorded in the audit trail.
///
/// A deliberate no-op until the compliance work lands its audit log: the call sites below are the ones
/// that must write an audit entry (who replayed what, when, with which outcome), so wiring it is a change
/// to this one function.
enum ReplayAudit {
  /// What kind of replay ran.
  enum Kind: String, Sendable {
    /// Fixture files re-signed and sent over HTTP.
    case fixtures
    /// Stored deliveries re-processed in place.
    case inbox
  }

  /// Records one finished replay; currently does nothing (see the type's documentation).
  static func record(kind: Kind, source: String?, counts: [String: Int]) {}
}
