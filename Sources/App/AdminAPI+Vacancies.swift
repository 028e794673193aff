import Foundation
import HTTPServer
import Storage

extension AdminAPI {
  /// `POST /vacancies`, `GET /vacancies`, `GET /vacancies/{id}`, `PATCH /vacancies/{id}`. Recruiters
  /// see and change only the vacancies they own; admins all of them.
  func registerVacancies(in router: inout Router) {
    let database = database
    let clock = clock
    route(
      "POST", "/vacancies", .vacancies,
      { request, user in
        let body = try AdminAPIBody(request.body)
        let title = try body.requiredString("title")
        guard let criteria = try body.criteria() else {
          throw AdminAPIFailure.invalid("criteria", "required")
        }
        let requested = try body.string("owner_user_id") ?? user.id
        guard requested == user.id || user.role == .admin else {
          throw AdminAPIFailure(
            status: 403, code: "forbidden", message: "Only an admin may create another's vacancy.")
        }
        let owner = requested
        let isOpen = try body.bool("is_open") ?? true
        let aiScoring = try body.bool("ai_scoring") ?? true
        let now = clock.now()
        let vacancy = try await Self.write(database) { connection in
          try VacancyStore.create(
            title: title, criteria: criteria, ownerUserID: owner, isOpen: isOpen,
            aiScoring: aiScoring,
            at: now, in: connection)
        }
        return Self.json(201, Self.vacancyJSON(vacancy))
      }, in: &router)

    route(
      "GET", "/vacancies", .vacancies,
      { _, user in
        let owner: String? = user.role == .admin ? nil : user.id
        let list = try await Self.read(database) {
          try VacancyStore.list(ownerUserID: owner, in: $0)
        }
        return Self.json(200, ["vacancies": list.map(Self.vacancyJSON)])
      }, in: &router)

    route(
      "GET", "/vacancies/{id}", .vacancies,
      { request, user in
        let id = try Self.pathID(request, "vacancy")
        let vacancy = try await Self.read(database) { try VacancyStore.vacancy(id: id, in: $0) }
        guard let vacancy else { throw AdminAPIFailure.notFound("vacancy") }
        try Self.requireOwner(vacancy, user)
        return Self.json(200, Self.vacancyJSON(vacancy))
      }, in: &router)

    route(
      "PATCH", "/vacancies/{id}", .vacancies,
      { request, user in
        let id = try Self.pathID(request, "vacancy")
        let body = try AdminAPIBody(request.body)
        let changes = VacancyChanges(
          title: try body.string("title"), criteria: try body.criteria(),
          isOpen: try body.bool("is_open"),
          aiScoring: try body.bool("ai_scoring"))
        let now = clock.now()
        // The owner check and the update in one transaction: nothing can change in between.
        let updated = try await Self.write(database) { connection -> VacancyRecord? in
          try connection.transaction {
            guard let existing = try VacancyStore.vacancy(id: id, in: connection) else {
              return nil
            }
            try Self.requireOwner(existing, user)
            return try VacancyStore.update(id: id, changes, at: now, in: connection)
          }
        }
        guard let updated else { throw AdminAPIFailure.notFound("vacancy") }
        return Self.json(200, Self.vacancyJSON(updated))
      }, in: &router)
  }

  /// 403 unless the caller owns the vacancy or is an admin.
  static func requireOwner(_ vacancy: VacancyRecord, _ user: AuthenticatedUser)
    throws(AdminAPIFailure)
  {
    guard user.role == .admin || vacancy.ownerUserID == user.id else {
      throw AdminAPIFailure(
        status: 403, code: "forbidden", message: "Only the vacancy's owner may do this.")
    }
  }
}
