import Domain
import Foundation

/// Loads the synonym tables from `fixtures/matching/` (found from this file's path) and builds features.
enum MatchFixtures {
  /// The repository root, two levels above `Tests/DomainTests/`.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Reads and parses one table from `fixtures/matching/<name>`.
  static func table(_ name: String) throws -> SynonymTable {
    let data = try Data(contentsOf: root.appendingPathComponent("fixtures/matching/\(name)"))
    return try SynonymTable(json: data)
  }

  /// A builder over the three fixture tables.
  static func builder() throws -> FeatureBuilder {
    try FeatureBuilder(
      skillSynonyms: table("skill-synonyms.json"), titleSynonyms: table("title-synonyms.json"),
      locationSynonyms: table("location-synonyms.json"))
  }

  /// The instant every test treats as now: 2025-06-15 UTC.
  static let now = Date(timeIntervalSince1970: 1_749_945_600)
}

/// SplitMix64: a tiny seeded generator, so generated cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  /// Starts the sequence at `seed`.
  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random but plausible profiles and vacancies drawn from small vocabularies, so pairs overlap often.
struct MatchCaseGenerator {
  /// Skills as people write them, synonyms and look-alikes included.
  static let skills = [
    "Swift", "SQL", "Linux", "Go", "JS", "JavaScript", "k8s", "Kubernetes", "Node.js", "node js",
    "C++", "C",
    "C#", "Python", "PostgreSQL", "Docker", "AWS", "Terraform", "React", "TypeScript", "Rust",
    "Kafka",
    "Redis", "GraphQL", "gRPC", "iOS", "Android", "Java", "Kotlin", "Scala",
  ]
  /// Titles with abbreviations and seniority words.
  static let titles = [
    "Software Engineer", "Sr. Software Eng.", "Backend Engineer", "Backend Developer",
    "Frontend Engineer",
    "Data Engineer", "Site Reliability Engineer", "Engineering Manager", "Junior Developer",
    "Lead Backend Engineer", "Product Manager", "Staff Engineer", "QA Engineer",
    "Platform Engineer",
    "Head of Engineering", "Intern",
  ]
  /// Candidate locations.
  static let places: [CandidateProfile.Location] = [
    .init(
      raw: "Amsterdam, North Holland, Netherlands", city: "Amsterdam", region: "North Holland",
      country: "Netherlands"),
    .init(raw: "Utrecht, Netherlands", city: "Utrecht", country: "Netherlands"),
    .init(raw: "Berlin, Germany", city: "Berlin", country: "Germany"),
    .init(
      raw: "London, England, United Kingdom", city: "London", region: "England",
      country: "United Kingdom"),
    .init(raw: "Remote"),
  ]
  /// Accepted locations vacancies pick from.
  static let vacancyPlaces = [
    "Amsterdam", "Netherlands", "Berlin, Germany", "London", "Utrecht", "Lisbon",
  ]

  /// The seeded source of every choice.
  var random: SeededGenerator

  /// A generator drawing from `seed`.
  init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  /// `count` random elements of `items` (repeats allowed).
  mutating func pick<T>(_ items: [T], count: Int) -> [T] {
    (0..<count).map { _ in items[Int(random.next() % UInt64(items.count))] }
  }

  /// A random integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

  /// A random profile: 0 to 5 positions, 0 to 12 skills, maybe a place.
  mutating func profile() -> CandidateProfile {
    var history: [CandidateProfile.WorkExperience] = []
    var year = int(2000...2018)
    for index in 0..<int(0...5) {
      let length = int(0...5)
      let current = index == 0 && Bool.random(using: &random)
      let start = "\(year)-\(String(format: "%02d", int(1...12)))-01"
      let end = current ? nil : "\(year + length)-\(String(format: "%02d", int(1...12)))-28"
      history.append(
        .init(
          company: "Company \(index)", title: pick(Self.titles, count: 1)[0], startDate: start,
          endDate: end,
          isCurrent: current, seniority: Bool.random(using: &random) ? "Senior" : nil))
      year += int(-1...4)
    }
    return CandidateProfile(
      name: "Person",
      currentTitle: Bool.random(using: &random) ? pick(Self.titles, count: 1)[0] : nil,
      location: int(0...5) == 0 ? nil : pick(Self.places, count: 1)[0], workHistory: history,
      skills: pick(Self.skills, count: int(0...12)), openToWork: Bool.random(using: &random))
  }

  /// A random vacancy; criteria may be empty.
  mutating func vacancy(id: String) -> Vacancy {
    let low = Seniority.allCases[int(0...5)]
    let high = Seniority.allCases[int(low.rawValue...7)]
    let criteria = VacancyCriteria(
      titles: pick(Self.titles, count: int(0...3)),
      requiredSkills: pick(Self.skills, count: int(0...6)),
      preferredSkills: pick(Self.skills, count: int(0...4)),
      locations: pick(Self.vacancyPlaces, count: int(0...2)),
      remoteAllowed: Bool.random(using: &random), minimumYears: int(0...8),
      seniority: int(0...3) == 0 ? nil : low...high)
    return Vacancy(id: id, title: "Vacancy \(id)", criteria: criteria, ownerUserID: "u_anna")
  }
}
