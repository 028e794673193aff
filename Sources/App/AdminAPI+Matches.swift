import HTTPServer
import Storage

extension AdminAPI {
  /// `GET /api/v1/vacancies/{id}/matches`: every scored candidate, ordered by advisory score then id, with
  /// breakdowns, paginated; no threshold filter exists. The vacancy's owner (or an admin) reads it.
  func registerMatches(in router: inout Router) {
    let handler = MatchesRoute.handler(database: database)
    let database = database
    route(
      "GET", "/vacancies/{id}/matches", .vacancies,
      { request, user in
        // A recruiter reads the match lists of their own vacancies (an admin: every list).
        let id = try Self.pathID(request, "vacancy")
        let vacancy = try await Self.read(database) { try VacancyStore.vacancy(id: id, in: $0) }
        guard let vacancy else { throw AdminAPIFailure.notFound("vacancy") }
        try Self.requireOwner(vacancy, user)
        return await handler(request)
      }, in: &router)
  }
}
