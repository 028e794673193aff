import Domain
import Foundation
import Storage

/// GDPR Art. 17 erasure: hard delete everywhere, a suppression entry of keyed hashes so the provider's
/// webhooks cannot re-create the person, and an audit entry, all in one transaction.
///
/// Used by `talentwatch erase ID --reason TEXT` and by `DELETE /api/v1/candidates/{id}`.
struct ErasureService: Sendable {
  /// Shared compliance state.
  let context: ComplianceContext

  /// Erases `candidateID` on behalf of `actor` (a user id) for `reason` (kept on the suppression list and in
  /// the audit entry: write no personal data into it). Nil when the candidate is not held.
  func erase(candidateID: Int64, actor: String, reason: String) async throws -> ErasureOutcome? {
    let pseudonymizer = context.pseudonymizer
    let now = context.clock.now()
    return try await context.database.write { connection in
      try connection.transaction { () throws -> ErasureOutcome? in
        guard let identity = try PurgeStore.identity(candidateID: candidateID, in: connection),
          let subject = try AuditLogStore.subjectKey(
            candidateID: candidateID, pseudonymizer: pseudonymizer, in: connection)
        else { return nil }
        let hashes = pseudonymizer.identityHashes(identity)
        guard let report = try PurgeStore.purgeCandidate(candidateID, in: connection) else {
          return nil
        }
        let suppressed = try SuppressionStore.add(
          hashes, erasedAt: now, reason: reason, in: connection)
        var details = report.auditDetails
        details["reason"] = reason
        details["suppressed"] = suppressed ? "true" : "false"
        let entry = try AuditLogStore.append(
          AuditEvent(
            at: now, actor: actor, action: .erasure, subjectKey: subject, details: details),
          in: connection)
        return ErasureOutcome(
          candidateID: candidateID, suppressed: suppressed, deletedRows: report.deletedRows,
          clearedBodies: report.clearedBodies, auditSeq: entry.seq)
      }
    }
  }
}
