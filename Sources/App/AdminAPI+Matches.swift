import HTTPServer

extension AdminAPI {
  /// `GET /api/v1/vacancies/{id}/matches`: every scored candidate, ordered by advisory score then id, with
  /// breakdowns, paginated; no threshold filter exists. Behind the same token checks as vacancies.
  func registerMatches(in router: inout Router) {
    let handler = MatchesRoute.handler(database: database)
    route(
      "GET", "/vacancies/{id}/matches", .vacancies,
      { request, _ in await handler(request) }, in: &router)
  }
}
