import Foundation

/// Opens the scenario's vacancies and has its recruiters add its candidates through the admin API (the
/// human-confirmed add: one enrichment each, confirmed by the recruiter's token).
struct DemoSetup {
  let api: DemoAPI
  let scenario: DemoScenario

  /// What was created.
  struct Result: Sendable {
    var vacancies: [String: Int64]
    var candidateIDs: [String: Int64]
  }

  func run() async throws -> Result {
    var vacancies: [String: Int64] = [:]
    for vacancy in scenario.vacancies {
      let answer = try await api.admin(
        "POST", "/vacancies", as: vacancy.owner,
        body: ["title": vacancy.title, "criteria": vacancy.criteria])
      guard answer.status == 201 || answer.status == 200, let id = Self.id(answer.json) else {
        throw Failed(step: "open vacancy \(vacancy.key)", status: answer.status)
      }
      vacancies[vacancy.key] = id
    }
    var candidates: [String: Int64] = [:]
    for candidate in scenario.candidates {
      var body: [String: Any] = ["profile_url": candidate.profileURL]
      if let key = candidate.vacancy, let id = vacancies[key] { body["vacancy_id"] = id }
      let answer = try await api.admin("POST", "/candidates", as: candidate.addedBy, body: body)
      guard answer.status == 201 || answer.status == 200, let id = Self.id(answer.json) else {
        throw Failed(step: "add a candidate", status: answer.status)
      }
      candidates[candidate.profileURL] = id
    }
    return Result(vacancies: vacancies, candidateIDs: candidates)
  }

  private static func id(_ json: [String: Any]) -> Int64? {
    (json["id"] as? NSNumber)?.int64Value
  }

  /// A setup call was refused.
  struct Failed: Error, CustomStringConvertible {
    var step: String
    var status: Int
    var description: String { "demo setup: \(step) was answered \(status)" }
  }
}
