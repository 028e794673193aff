import Foundation
import HTTPServer
import Storage

extension AdminAPI {
  /// `POST /candidates`, `GET /candidates/{id}`, `POST /candidates/{id}/contacted`,
  /// `POST /candidates/{id}/contact-data`, `POST /candidates/{id}/accept-field`.
  func registerCandidates(in router: inout Router) {
    let database = database
    let clock = clock
    let candidates = candidates
    let contacts = contacts
    route(
      "POST", "/candidates", .writeCandidates,
      { request, user in
        let body = try AdminAPIBody(request.body)
        if body.has("confirmed_by_user_id") {
          throw AdminAPIFailure.invalid(
            "confirmed_by_user_id", "is taken from the bearer token, never from the body")
        }
        let outcome = try await candidates.add(
          CandidateAddService.Request(
            profileURL: try body.string("profile_url"), providerID: try body.string("provider_id"),
            vacancyID: try body.id("vacancy_id"), aiSourced: try body.bool("ai_sourced") ?? false,
            suppressionOverrideReason: try body.string("suppression_override_reason")),
          by: user)
        let id = outcome.candidateID
        let (record, pending) = try await Self.write(database) { connection in
          (
            try CandidateStore.record(id: id, in: connection),
            try PendingFieldStore.fields(candidateID: id, in: connection)
          )
        }
        guard let record else { throw AdminAPIFailure.notFound("candidate") }
        var object = Self.candidateJSON(record, pending: pending)
        object["cached"] = outcome.cached
        object["pipeline_entry_id"] = Self.orNull(outcome.pipelineEntryID)
        return Self.json(outcome.created ? 201 : 200, object)
      }, in: &router)

    route(
      "GET", "/candidates/{id}", .readCandidates,
      { request, _ in
        let id = try Self.pathID(request, "candidate")
        let (record, pending) = try await Self.read(database) { connection in
          (
            try CandidateStore.record(id: id, in: connection),
            try PendingFieldStore.fields(candidateID: id, in: connection)
          )
        }
        guard let record else { throw AdminAPIFailure.notFound("candidate") }
        return Self.json(200, Self.candidateJSON(record, pending: pending))
      }, in: &router)

    route(
      "POST", "/candidates/{id}/contacted", .writeCandidates,
      { request, user in
        let id = try Self.pathID(request, "candidate")
        let now = clock.now()
        let audit = audit
        let record = try await Self.write(database) { connection -> CandidateRecord? in
          try connection.transaction {
            guard try CandidateStore.markContacted(id: id, at: now, in: connection) else {
              return nil
            }
            // Who marked the contact, and when: the mark changes which retention rules apply.
            try audit?.record(.contacted, candidateID: id, actor: user.id, at: now, in: connection)
            return try CandidateStore.record(id: id, in: connection)
          }
        }
        guard let record else { throw AdminAPIFailure.notFound("candidate") }
        return Self.json(200, ["id": id, "contacted_at": Self.time(record.contactedAt)])
      }, in: &router)

    route(
      "POST", "/candidates/{id}/contact-data", .writeCandidates,
      { request, user in
        let id = try Self.pathID(request, "candidate")
        let stored = try await contacts.fetch(candidateID: id, by: user)
        return Self.json(
          200,
          [
            "candidate_id": id, "emails": stored.emails, "phones": stored.phones,
            "fetched_at": Self.time(stored.fetchedAt), "fetched_by_user_id": stored.fetchedByUserID,
          ])
      }, in: &router)

    route(
      "POST", "/candidates/{id}/accept-field", .writeCandidates,
      { request, user in
        let id = try Self.pathID(request, "candidate")
        let field = try AdminAPIBody(request.body).requiredString("field")
        guard PendingFieldStore.acceptableFields[field] != nil else {
          throw AdminAPIFailure.invalid("field", "not a field that can be accepted")
        }
        let now = clock.now()
        let accepted = try await Self.write(database) { connection -> PendingField? in
          guard try CandidateStore.record(id: id, in: connection) != nil else { return nil }
          return try PendingFieldStore.accept(
            candidateID: id, field: field, userID: user.id, at: now, in: connection)
        }
        guard let accepted else { throw AdminAPIFailure.notFound("candidate") }
        return Self.json(
          200,
          [
            "candidate_id": id, "field": accepted.field, "value": accepted.value,
            "accepted_by_user_id": Self.orNull(accepted.acceptedByUserID),
            "accepted_at": Self.time(accepted.acceptedAt),
          ])
      }, in: &router)
  }
}
