import HTTPServer
import Storage

extension AdminAPI {
  /// Erasure, explanation and export (GDPR Art. 15, 17 and 22; AI Act Art. 86), behind the same token
  /// checks as the rest of the admin API: erasure and export need `writeCandidates`, the explanation
  /// `readCandidates`. A recruiter erases only a candidate in no other recruiter's pipeline (every entry
  /// theirs or on a vacancy they own); an admin erases anyone.
  func registerCompliance(_ compliance: ComplianceAPI, in router: inout Router) {
    let database = database
    route(
      "DELETE", "/candidates/{id}", .writeCandidates,
      { request, user in
        let id = try Self.pathID(request, "candidate")
        if user.role != .admin {
          let owners = try await Self.read(database) {
            try PipelineStore.owners(candidateID: id, in: $0)
          }
          guard owners.allSatisfy({ $0.entryOwner == user.id || $0.vacancyOwner == user.id }) else {
            throw AdminAPIFailure(
              status: 403, code: "forbidden",
              message:
                "The candidate is in another recruiter's pipeline; an admin can erase them.")
          }
        }
        let reason =
          try AdminAPIBody(request.body.isEmpty ? Array("{}".utf8) : request.body)
          .string("reason") ?? request.query["reason"]
        return await compliance.eraseResponse(candidateID: id, actor: user.id, reason: reason)
      }, in: &router)
    route(
      "GET", "/candidates/{id}/explanation", .readCandidates,
      { request, _ in
        let id = try Self.pathID(request, "candidate")
        let plainText = request.query["format"] == "text"
        return await compliance.explanationResponse(candidateID: id, plainText: plainText)
      }, in: &router)
    route(
      "GET", "/candidates/{id}/export", .writeCandidates,
      { request, user in
        let id = try Self.pathID(request, "candidate")
        return await compliance.exportResponse(candidateID: id, actor: user.id)
      }, in: &router)
  }
}
