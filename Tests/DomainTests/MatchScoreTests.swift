import Domain
import Foundation
import Testing

@Suite("Match score")
struct MatchScoreTests {
  /// A senior backend engineer in Amsterdam, open to work.
  static let ada = CandidateProfile(
    name: "Ada", currentTitle: "Sr. Backend Engineer",
    location: .init(
      raw: "Amsterdam, North Holland, Netherlands", city: "Amsterdam", region: "North Holland",
      country: "Netherlands"),
    workHistory: [
      .init(company: "A", title: "Sr. Backend Engineer", startDate: "2019-01-01", isCurrent: true)
    ],
    skills: ["Swift", "sql", "GNU/Linux", "Docker", "JS"], openToWork: true)

  /// A backend vacancy in Amsterdam or Utrecht.
  static let backend = Vacancy(
    id: "v_backend", title: "Backend Engineer, Payments",
    criteria: .init(
      titles: ["Backend Engineer", "Platform Engineer"],
      requiredSkills: ["Swift", "SQL", "Linux", "Go"],
      preferredSkills: ["Docker", "Kafka"], locations: ["Amsterdam", "Utrecht"],
      remoteAllowed: false,
      minimumYears: 5, seniority: .mid ... .lead),
    ownerUserID: "u_anna")

  /// Scores `profile` for `vacancy` with a fresh builder.
  func score(_ profile: CandidateProfile = ada, _ vacancy: Vacancy = backend) throws -> MatchScore {
    var builder = try MatchFixtures.builder()
    let candidate = builder.features(for: profile, candidateID: "c_ada", asOf: MatchFixtures.now)
    return try Matcher().score(candidate: candidate, vacancy: builder.features(for: vacancy))
  }

  @Test("a worked example: points and a readable sentence per feature, adding up to the total")
  func workedExample() throws {
    let score = try score()
    #expect(score.modelVersion == "tw-match-1")
    #expect(score.candidateID == "c_ada" && score.vacancyID == "v_backend")
    let expected: [(MatchFeature, Int, Int, String)] = [
      (.requiredSkills, 30, 40, "3 of 4 required skills: Swift, SQL, Linux; missing Go"),
      (
        .title, 15, 15,
        "Current title “Sr. Backend Engineer” shares 2 of 2 words with “Backend Engineer”"
      ),
      (.seniority, 5, 5, "Senior, within the band Mid-level to Lead"),
      (.experience, 15, 15, "6.5 years of relevant experience; 5 years asked"),
      (
        .location, 15, 15,
        "Based in Amsterdam, North Holland, Netherlands, within accepted location Amsterdam"
      ),
      (.preferredSkills, 2, 5, "1 of 2 preferred skills: Docker; missing Kafka"),
      (.openToWork, 5, 5, "Open to work"),
    ]
    #expect(score.contributions.count == expected.count)
    for (part, want) in zip(score.contributions, expected) {
      #expect(part.feature == want.0)
      #expect(part.points == want.1, "\(part.feature)")
      #expect(part.maxPoints == want.2, "\(part.feature)")
      #expect(part.sentence == want.3)
    }
    #expect(score.total == 87)
    #expect(score.contributions.map(\.points).reduce(0, +) == score.total)
  }

  @Test("the weights add up to 100")
  func weights() {
    #expect(MatchFeature.allCases.map(\.maxPoints).reduce(0, +) == 100)
  }

  @Test("a vacancy with AI scoring off cannot be scored: its features are refused")
  func stoppedVacancy() throws {
    var builder = try MatchFixtures.builder()
    var vacancy = Self.backend
    vacancy.aiScoring = false
    #expect(throws: MatchError.scoringStopped(vacancyID: "v_backend")) {
      try builder.features(for: vacancy)
    }
  }

  @Test("criteria that cannot be scored are refused with the offending field")
  func invalidCriteria() throws {
    var builder = try MatchFixtures.builder()
    var vacancy = Self.backend
    vacancy.criteria.minimumYears = -1
    #expect(
      throws: MatchError.invalidCriteria(
        field: "criteria.minimumYears", reason: "must be between 0 and 80")
    ) {
      try builder.features(for: vacancy)
    }
    vacancy = Self.backend
    vacancy.criteria.requiredSkills.append(" . ")
    #expect(
      throws: MatchError.invalidCriteria(field: "criteria.requiredSkills[4]", reason: "empty skill")
    ) {
      try builder.features(for: vacancy)
    }
    vacancy = Self.backend
    vacancy.criteria.locations = [", "]
    #expect(
      throws: MatchError.invalidCriteria(field: "criteria.locations[0]", reason: "empty location")
    ) {
      try builder.features(for: vacancy)
    }
  }

  @Test(
    "locations: a country or alias accepts its cities, every part of a place must match, remote earns 10"
  )
  func locations() throws {
    func points(_ location: CandidateProfile.Location?, _ accepted: [String], remote: Bool) throws
      -> Int?
    {
      var profile = Self.ada
      profile.location = location
      var vacancy = Self.backend
      vacancy.criteria.locations = accepted
      vacancy.criteria.remoteAllowed = remote
      return try score(profile, vacancy).contributions.first { $0.feature == .location }?.points
    }
    let utrecht = CandidateProfile.Location(raw: "Utrecht, NL", city: "Utrecht", country: "NL")
    let berlin = CandidateProfile.Location(
      raw: "Berlin, Germany", city: "Berlin", country: "Germany")
    #expect(try points(utrecht, ["Netherlands"], remote: false) == 15)
    #expect(try points(utrecht, ["The Netherlands"], remote: false) == 15)
    #expect(try points(berlin, ["Berlin, Germany"], remote: false) == 15)
    #expect(try points(berlin, ["Berlin, Deutschland"], remote: false) == 15)
    #expect(try points(berlin, ["Berlin, United States"], remote: false) == 0)
    #expect(try points(berlin, ["Amsterdam"], remote: true) == 10)
    #expect(try points(nil, ["Amsterdam"], remote: true) == 10)
    #expect(try points(nil, ["Amsterdam"], remote: false) == 0)
    #expect(try points(berlin, [], remote: false) == 15)
    let munich = CandidateProfile.Location(
      raw: "München, Deutschland", city: "München", country: "Deutschland")
    #expect(try points(munich, ["Munich, Germany"], remote: false) == 15)
    #expect(try points(munich, ["Cologne"], remote: false) == 0)
  }

  @Test("a vacancy with more than eight titles and places still finds the ninth and tenth")
  func manyTitlesAndPlaces() throws {
    var vacancy = Self.backend
    vacancy.criteria.titles = (1...9).map { "Role\($0) Specialist\($0)" } + ["Backend Engineer"]
    vacancy.criteria.locations = (1...9).map { "Town \($0)" } + ["Amsterdam, Netherlands"]
    let score = try score(Self.ada, vacancy)
    let title = score.contributions.first { $0.feature == .title }
    let location = score.contributions.first { $0.feature == .location }
    #expect(title?.points == 15)
    #expect(title?.sentence.hasSuffix("shares 2 of 2 words with “Backend Engineer”") == true)
    #expect(location?.points == 15)
    #expect(location?.sentence.hasSuffix("within accepted location Amsterdam, Netherlands") == true)
    var total = 0
    var builder = try MatchFixtures.builder()
    let candidate = builder.features(for: Self.ada, candidateID: "c_ada", asOf: MatchFixtures.now)
    total = try Matcher().scoreTotal(candidate: candidate, vacancy: builder.features(for: vacancy))
    #expect(total == score.total)
  }

  @Test("a title of more than 32 words is refused rather than scored wrongly")
  func longTitle() throws {
    var builder = try MatchFixtures.builder()
    var vacancy = Self.backend
    vacancy.criteria.titles = [(1...33).map { "word\($0)" }.joined(separator: " ")]
    #expect(
      throws: MatchError.invalidCriteria(field: "criteria.titles[0]", reason: "more than 32 words")
    ) {
      try builder.features(for: vacancy)
    }
  }

  @Test("a vacancy that asks for nothing gives full points for each empty criterion")
  func emptyCriteria() throws {
    var profile = Self.ada
    profile.openToWork = false
    let score = try score(
      profile, Vacancy(id: "v0", title: "Anything", criteria: .init(), ownerUserID: "u"))
    #expect(score.total == 95)
    #expect(score.contributions.map(\.sentence).contains("No required skills asked"))
    #expect(score.contributions.map(\.sentence).contains("Not marked as open to work"))
  }

  @Test("every sentence is one readable English sentence")
  func sentences() throws {
    var generator = MatchCaseGenerator(seed: 7)
    var builder = try MatchFixtures.builder()
    let matcher = Matcher()
    for index in 0..<200 {
      let candidate = builder.features(
        for: generator.profile(), candidateID: "c\(index)", asOf: MatchFixtures.now)
      let vacancy = try builder.features(for: generator.vacancy(id: "v\(index)"))
      for part in matcher.score(candidate: candidate, vacancy: vacancy).contributions {
        #expect(part.sentence.first?.isUppercase == true || part.sentence.first?.isNumber == true)
        #expect(!part.sentence.contains("Optional") && !part.sentence.contains("nil"))
        #expect(!part.sentence.hasSuffix(".") && part.sentence.count < 200)
      }
    }
  }

  @Test("a stored score round-trips through JSON, and one whose parts do not add up is refused")
  func storedScores() throws {
    let score = try score()
    let data = try JSONEncoder().encode(score)
    #expect(try JSONDecoder().decode(MatchScore.self, from: data) == score)
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    object["total"] = 90
    let tampered = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: MatchError.inconsistentScore("stored total 90 is not the sum 87")) {
      try JSONDecoder().decode(MatchScore.self, from: tampered)
    }
    #expect(throws: MatchError.self) {
      try MatchScore(
        candidateID: "c", vacancyID: "v", modelVersion: "tw-match-1",
        contributions: [.init(feature: .title, points: 16, maxPoints: 15, sentence: "too many")])
    }
  }
}
