import Domain
import Foundation
import Storage

/// Writes the audit entries of the product's own actions (AI Act Art. 12) into the caller's transaction,
/// keyed by the candidate's pseudonymous subject key so entries outlive the person's purge.
struct AuditTrail: Sendable {
  /// Keys subject ids with the configured pepper.
  let pseudonymizer: Pseudonymizer

  /// The trail for a configuration's pepper.
  init(configuration: Configuration) {
    pseudonymizer = Pseudonymizer(pepper: configuration.pepper.revealed)
  }

  /// The trail for a pseudonymizer (tests).
  init(pseudonymizer: Pseudonymizer) {
    self.pseudonymizer = pseudonymizer
  }

  /// Appends one entry about `candidateID`; `details` must hold ids and codes only, never personal data.
  func record(
    _ action: AuditAction, candidateID: Int64, actor: String, at: Date,
    details: [String: String] = [:], in connection: Connection
  ) throws {
    let subject = try AuditLogStore.subjectKey(
      candidateID: candidateID, pseudonymizer: pseudonymizer, in: connection)
    _ = try AuditLogStore.append(
      AuditEvent(at: at, actor: actor, action: action, subjectKey: subject, details: details),
      in: connection)
  }
}
