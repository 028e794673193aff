import Domain

// A copy of bench-matcher's population: the same seeded profiles and vacancies.

/// Plausible profiles and vacancies over vocabularies of 2,000 skills, 60 role words and 300 cities.
struct Population {
  /// The seeded source of every choice.
  var random: SeededGenerator
  /// The skill vocabulary: a few real names, then numbered ones.
  let skills: [String] =
    ["Swift", "SQL", "Linux", "Go", "JavaScript", "Kubernetes", "Python", "C++"]
    + (0..<1_992).map { "skill-\($0)" }
  /// Role words titles are made of.
  let roles = [
    "Software", "Backend", "Frontend", "Platform", "Data", "Machine", "Learning", "Site",
    "Reliability",
    "Mobile", "iOS", "Android", "Security", "Cloud", "DevOps", "QA", "Test", "Product", "Project",
    "Program",
    "Sales", "Marketing", "Support", "Customer", "Success", "Finance", "HR", "Talent", "Recruiter",
    "Designer",
    "UX", "Research", "Analyst", "Scientist", "Architect", "Consultant", "Operations",
    "Infrastructure",
    "Network", "Database", "Embedded", "Firmware", "Hardware", "Game", "Graphics", "Payments",
    "Growth",
    "Content", "Legal", "Account", "Executive", "Manager", "Engineer", "Developer", "Specialist",
    "Administrator", "Officer", "Coordinator", "Partner", "Associate",
  ]
  /// Seniority prefixes, blank more often than not.
  let levels = [
    "", "", "", "Junior ", "Senior ", "Sr. ", "Lead ", "Staff ", "Principal ", "Head of ",
  ]
  /// 300 cities in 30 countries.
  let cities: [CandidateProfile.Location] = (0..<300).map { index in
    let country = "Country \(index % 30)"
    return .init(raw: "City \(index), \(country)", city: "City \(index)", country: country)
  }

  /// A population drawn from `seed`.
  init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  /// A random integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  /// A random element of `items`.
  mutating func any<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
  /// A skill, skewed towards the first few hundred so that pairs overlap as in real data.
  mutating func skill() -> String { skills[min(int(0...1_999), int(0...1_999), int(0...1_999))] }
  /// A title such as "Senior Backend Engineer".
  mutating func title() -> String {
    any(levels) + any(roles) + " " + any(["Engineer", "Developer", "Manager"])
  }

  /// A candidate with 1 to 6 dated positions, 5 to 25 skills and a city.
  mutating func profile() -> CandidateProfile {
    var history: [CandidateProfile.WorkExperience] = []
    var year = int(1995...2020)
    for index in 0..<int(1...6) {
      let length = int(0...6)
      let current = index == 0
      history.append(
        .init(
          company: "Company", title: title(), startDate: "\(year)-0\(int(1...9))-01",
          endDate: current ? nil : "\(year + length)-0\(int(1...9))-28", isCurrent: current))
      year -= int(0...5)
    }
    return CandidateProfile(
      name: "Person", currentTitle: history.first?.title, location: any(cities),
      workHistory: history,
      skills: (0..<int(5...25)).map { _ in skill() }, openToWork: int(0...4) == 0)
  }

  /// A vacancy with 1 to 3 titles, 3 to 8 required skills, places and a band.
  mutating func vacancy(id: Int) -> Vacancy {
    let low = Seniority.allCases[int(1...4)]
    let criteria = VacancyCriteria(
      titles: (0..<int(1...3)).map { _ in title() },
      requiredSkills: (0..<int(3...8)).map { _ in skill() },
      preferredSkills: (0..<int(0...5)).map { _ in skill() },
      locations: (0..<int(1...3)).map { _ in
        int(0...1) == 0 ? any(cities).raw : "Country \(int(0...29))"
      },
      remoteAllowed: int(0...2) == 0, minimumYears: int(0...8),
      seniority: low...Seniority.allCases[int(low.rawValue...6)])
    return Vacancy(id: "v\(id)", title: "Vacancy \(id)", criteria: criteria, ownerUserID: "u_bench")
  }
}
