import Domain
import Foundation
import HTTPServer
import Storage

/// The admin API handlers of the compliance work, for the lead to mount behind authentication:
/// `DELETE /api/v1/candidates/{id}` (`eraseResponse`), `GET /api/v1/candidates/{id}/explanation`
/// (`explanationResponse`) and `GET /api/v1/candidates/{id}/export` (`exportResponse`). The actor is the
/// authenticated user's id, never taken from the request body.
struct ComplianceAPI: Sendable {
  /// Shared compliance state.
  let context: ComplianceContext

  /// The export document of `candidateID` (nil when not held), with an audit entry by `actor`.
  func export(candidateID: Int64, actor: String) async throws -> String? {
    let now = context.clock.now()
    let pseudonymizer = context.pseudonymizer
    return try await context.database.write { connection in
      try connection.transaction { () throws -> String? in
        guard
          let document = try ExportDocument.build(
            candidateID: candidateID, now: now, in: connection),
          let subject = try AuditLogStore.subjectKey(
            candidateID: candidateID, pseudonymizer: pseudonymizer, in: connection)
        else { return nil }
        try AuditLogStore.append(
          AuditEvent(
            at: now, actor: actor, action: .export, subjectKey: subject,
            details: ["candidate_id": String(candidateID)]), in: connection)
        return document
      }
    }
  }

  /// `DELETE /api/v1/candidates/{id}`: 200 with the counts, 404 when not held, 422 without a reason
  /// (`reason` from the query or body, as the route decides).
  func eraseResponse(candidateID: Int64, actor: String, reason: String?) async -> Response {
    let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    guard !reason.isEmpty else {
      return .error(status: 422, code: "reason_required", message: "An erasure needs a reason.")
    }
    do {
      guard
        let outcome = try await ErasureService(context: context).erase(
          candidateID: candidateID, actor: actor, reason: reason)
      else { return .error(status: 404, code: "not_found", message: "No such candidate.") }
      return .json(status: 200, Array(ComplianceCommandSupport.json(outcome).utf8))
    } catch {
      return .error(
        status: 500, code: "internal", message: "The erasure failed; nothing was changed.")
    }
  }

  /// `GET /api/v1/candidates/{id}/explanation`: the JSON explanation (plain text when `plainText`).
  func explanationResponse(candidateID: Int64, plainText: Bool = false) async -> Response {
    let policy = context.policy
    let now = context.clock.now()
    do {
      guard
        let explanation = try await context.database.read({ connection in
          try Explanation.build(candidateID: candidateID, policy: policy, now: now, in: connection)
        })
      else { return .error(status: 404, code: "not_found", message: "No such candidate.") }
      return plainText
        ? .text(status: 200, explanation.plainText)
        : .json(status: 200, Array(explanation.json.utf8))
    } catch {
      return .error(status: 500, code: "internal", message: "The explanation could not be built.")
    }
  }

  /// `GET /api/v1/candidates/{id}/export`: the export JSON (audited as `actor`).
  func exportResponse(candidateID: Int64, actor: String) async -> Response {
    do {
      guard let document = try await export(candidateID: candidateID, actor: actor) else {
        return .error(status: 404, code: "not_found", message: "No such candidate.")
      }
      return .json(status: 200, Array(document.utf8))
    } catch {
      return .error(status: 500, code: "internal", message: "The export could not be built.")
    }
  }
}
