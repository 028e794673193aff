import Storage

/// What an erasure did (counts only: the person is gone).
struct ErasureOutcome: Sendable, Hashable, Encodable {
  /// The candidate id that was erased.
  let candidateID: Int64
  /// Whether a suppression entry was written (false only when the person had no provider id or URL).
  let suppressed: Bool
  /// Rows deleted per table.
  let deletedRows: [String: Int]
  /// Stored webhook bodies deleted.
  let clearedBodies: Int
  /// The audit entry recording the erasure.
  let auditSeq: Int64

  /// The JSON keys (snake_case, as the interface prints them).
  enum CodingKeys: String, CodingKey {
    case candidateID = "candidate_id"
    case suppressed
    case deletedRows = "deleted_rows"
    case clearedBodies = "cleared_bodies"
    case auditSeq = "audit_seq"
  }
}
