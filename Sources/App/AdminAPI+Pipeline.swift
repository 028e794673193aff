import Foundation
import HTTPServer
import Storage

extension AdminAPI {
  /// `POST /pipeline` (confirm a candidate into a vacancy at `sourced`; the vacancy's owner) and
  /// `PATCH /pipeline/{id}` (a stage change by the caller, with an optional reason; the vacancy's owner or
  /// the entry's recruiter). Admins may do both anywhere. The acting user is always the token's.
  func registerPipeline(in router: inout Router) {
    let database = database
    let clock = clock
    route(
      "POST", "/pipeline", .pipeline,
      { request, user in
        let body = try AdminAPIBody(request.body)
        guard let candidateID = try body.id("candidate_id") else {
          throw AdminAPIFailure.invalid("candidate_id", "required")
        }
        guard let vacancyID = try body.id("vacancy_id") else {
          throw AdminAPIFailure.invalid("vacancy_id", "required")
        }
        let now = clock.now()
        let audit = audit
        let entry = try await Self.write(database) { connection in
          try connection.transaction {
            // Only the vacancy's owner (or an admin) confirms candidates into its pipeline.
            guard let vacancy = try VacancyStore.vacancy(id: vacancyID, in: connection) else {
              throw AdminAPIFailure.notFound("vacancy")
            }
            try Self.requireOwner(vacancy, user)
            let entry = try PipelineStore.confirm(
              candidateID: candidateID, vacancyID: vacancyID, actingUserID: user.id, at: now,
              in: connection)
            try audit?.record(
              .confirmation, candidateID: candidateID, actor: user.id, at: now,
              details: ["vacancy_id": String(vacancyID), "pipeline_entry_id": String(entry.id)],
              in: connection)
            return entry
          }
        }
        return Self.json(201, Self.pipelineJSON(entry))
      }, in: &router)

    route(
      "PATCH", "/pipeline/{id}", .pipeline,
      { request, user in
        let id = try Self.pathID(request, "pipeline entry")
        let body = try AdminAPIBody(request.body)
        let stage = try body.requiredString("stage")
        let reason = try body.string("reason")
        let now = clock.now()
        let audit = audit
        let entry = try await Self.write(database) { connection in
          try connection.transaction {
            // The vacancy's owner or the recruiter who owns the entry moves it (or an admin).
            guard let current = try PipelineStore.entry(id: id, in: connection) else {
              throw AdminAPIFailure.notFound("pipeline entry")
            }
            let vacancyOwner = try VacancyStore.vacancy(id: current.vacancyID, in: connection)?
              .ownerUserID
            guard
              user.role == .admin || current.ownerUserID == user.id || vacancyOwner == user.id
            else {
              throw AdminAPIFailure(
                status: 403, code: "forbidden",
                message: "Only the vacancy's owner or the entry's recruiter may move it.")
            }
            let entry = try PipelineStore.changeStage(
              entryID: id, to: stage, actingUserID: user.id, reason: reason, at: now, in: connection
            )
            try audit?.record(
              .stageChange, candidateID: entry.candidateID, actor: user.id, at: now,
              details: [
                "pipeline_entry_id": String(entry.id), "stage": stage,
                "reason_given": reason == nil ? "no" : "yes",
              ], in: connection)
            return entry
          }
        }
        return Self.json(200, Self.pipelineJSON(entry))
      }, in: &router)
  }
}
