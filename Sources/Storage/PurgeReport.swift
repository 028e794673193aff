/// What a purge removed: rows deleted per table and webhook bodies cleared (counts only).
public struct PurgeReport: Sendable, Hashable {
  /// The candidate purged.
  public var candidateID: Int64
  /// Rows deleted per table (the candidate row itself under `candidates`; cascaded rows not counted).
  public var deletedRows: [String: Int]
  /// Stored webhook bodies set to NULL because the delivery named the person.
  public var clearedBodies: Int

  /// Creates a report.
  public init(candidateID: Int64, deletedRows: [String: Int], clearedBodies: Int) {
    self.candidateID = candidateID
    self.deletedRows = deletedRows
    self.clearedBodies = clearedBodies
  }

  /// Details for the audit log (counts only, no personal data).
  public var auditDetails: [String: String] {
    var details = ["candidate_id": String(candidateID), "cleared_bodies": String(clearedBodies)]
    for (table, count) in deletedRows where count > 0 {
      details["deleted.\(table)"] = String(count)
    }
    return details
  }
}
