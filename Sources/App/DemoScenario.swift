import Foundation

/// The demo's script, from `fixtures/demo/scenario.json`.
struct DemoScenario: Sendable {
  /// A user of the demo team.
  struct Recruiter: Sendable {
    var id: String
    var name: String
    var role: String
  }

  /// A vacancy to open; `criteria` is passed to the admin API as written.
  struct Vacancy: @unchecked Sendable {
    // Immutable after loading; `criteria` holds JSONSerialization values that are only read.
    var key: String
    var owner: String
    var title: String
    var criteria: [String: Any]
  }

  /// A candidate a recruiter adds.
  struct Candidate: Sendable {
    var profileURL: String
    var addedBy: String
    var vacancy: String?
  }

  /// One step of the week.
  struct Event: Sendable {
    var day: Int
    var action: String
    var person: String?
    var kind: String?
    var company: String?
    var title: String?
    var location: String?
    var fixture: String?
    var source: String?
    var times: Int
    var note: String?
    /// Played after the week's refresh, to show what a late, stale signal does.
    var afterRefresh: Bool
  }

  var recruiters: [Recruiter]
  var vacancies: [Vacancy]
  var candidates: [Candidate]
  var week: [Event]

  /// Reads the scenario file.
  static func load(_ url: URL) throws -> DemoScenario {
    let data = try Data(contentsOf: url)
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw Malformed(reason: "the scenario is not a JSON object")
    }
    func objects(_ key: String) -> [[String: Any]] { root[key] as? [[String: Any]] ?? [] }
    return DemoScenario(
      recruiters: objects("recruiters").map {
        Recruiter(
          id: $0["id"] as? String ?? "", name: $0["name"] as? String ?? "",
          role: $0["role"] as? String ?? "recruiter")
      },
      vacancies: objects("vacancies").map {
        Vacancy(
          key: $0["key"] as? String ?? "", owner: $0["owner"] as? String ?? "",
          title: $0["title"] as? String ?? "", criteria: $0["criteria"] as? [String: Any] ?? [:])
      },
      candidates: objects("candidates").map {
        Candidate(
          profileURL: $0["profile_url"] as? String ?? "", addedBy: $0["added_by"] as? String ?? "",
          vacancy: $0["vacancy"] as? String)
      },
      week: objects("week").map {
        Event(
          day: $0["day"] as? Int ?? 0, action: $0["action"] as? String ?? "",
          person: $0["person"] as? String, kind: $0["kind"] as? String,
          company: $0["company"] as? String, title: $0["title"] as? String,
          location: $0["location"] as? String, fixture: $0["fixture"] as? String,
          source: $0["source"] as? String, times: $0["times"] as? Int ?? 1,
          note: $0["note"] as? String, afterRefresh: $0["after_refresh"] as? Bool ?? false)
      })
  }

  /// The scenario file could not be read.
  struct Malformed: Error, CustomStringConvertible {
    var reason: String
    var description: String { "fixtures/demo/scenario.json: \(reason)" }
  }
}
