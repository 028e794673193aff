/// One billed call in the sandbox's credit ledger (`GET /_sandbox/credits`).
struct LedgerEntry: Sendable, Equatable, Codable {
  /// When it was billed, RFC 3339 in UTC.
  var at: String
  /// `enrich`, or `enrich+contact` when the contact section was asked.
  var operation: String
  /// Credits charged for the call.
  var credits: Int
  /// The profile URLs (as served) of the people returned and billed.
  var profiles: [String]
}
