// bench-matcher: times the matcher's bulk kernel `Matcher.scoreTotal` on one thread over a seeded synthetic
// population (100,000 candidates × 500 vacancies by default), and the 1,000 × 500 delta kernel alone.
//
// Run: swift run -c release bench-matcher [candidates] [vacancies] [rounds]
import Domain
import Foundation

/// SplitMix64: seeded, so every run scores the same population.
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

/// CPU seconds this thread has used: unlike wall time, not inflated when other processes share the cores.
func threadCPUSeconds() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Wall seconds and thread CPU seconds taken by `body`.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
  let start = ContinuousClock.now
  let cpuStart = threadCPUSeconds()
  try body()
  let elapsed = ContinuousClock.now - start
  let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  return (wall, threadCPUSeconds() - cpuStart)
}

/// Wall seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double { try measure(body).wall }

/// The middle value (upper middle for an even count).
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Three decimals.
func format(_ value: Double) -> String { String(format: "%.3f", value) }

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let candidateCount = arguments.count > 0 ? arguments[0] : 100_000
let vacancyCount = arguments.count > 1 ? arguments[1] : 500
let rounds = arguments.count > 2 ? arguments[2] : 3
let deltaCount = min(1_000, candidateCount)

var builder = try FeatureBuilder(
  skillSynonyms: SynonymTable(synonyms: ["javascript": ["js"], "kubernetes": ["k8s"]]),
  titleSynonyms: SynonymTable(
    synonyms: ["senior": ["sr"], "engineer": ["eng"]], stopWords: ["of", "and", "the"]))
let asOf = Date(timeIntervalSince1970: 1_749_945_600)  // 2025-06-15
var population = Population(seed: 42)
let profiles = (0..<candidateCount).map { _ in population.profile() }
let vacancyValues = (0..<vacancyCount).map { population.vacancy(id: $0) }

var candidates: [CandidateFeatures] = []
let buildCandidates = seconds {
  candidates = profiles.enumerated().map { index, profile in
    builder.features(for: profile, candidateID: "c\(index)", asOf: asOf)
  }
}
var vacancies: [VacancyFeatures] = []
let buildVacancies = try seconds {
  vacancies = try vacancyValues.map { try builder.features(for: $0) }
}
print(
  "features: \(candidateCount) candidates in \(format(buildCandidates)) s, \(vacancyCount) vacancies in \(format(buildVacancies)) s; "
    + "vocabulary \(builder.skillInterner.count) skills, \(builder.titleInterner.count) title words, "
    + "\(builder.locationInterner.count) location keys")

let matcher = Matcher()
let pairs = Double(candidateCount * vacancyCount)

// Full rescoring: every vacancy × every candidate, vacancy-major so one vacancy's bitsets stay in cache,
// comparing with the previous totals and writing only the ones that changed.
var stored = [UInt8](repeating: 0, count: candidateCount * vacancyCount)
var fullWall: [Double] = []
var fullCPU: [Double] = []
var changed = 0
var histogram = [Int](repeating: 0, count: 101)
for round in 0..<rounds {
  changed = 0
  let time = measure {
    let totals = matcher.scoreTotals(candidates: candidates, vacancies: vacancies)
    for index in totals.indices where stored[index] != totals[index] {
      stored[index] = totals[index]
      changed += 1
    }
  }
  fullWall.append(time.wall)
  fullCPU.append(time.cpu)
  print(
    "full round \(round + 1): wall \(format(time.wall)) s, thread CPU \(format(time.cpu)) s, "
      + "\(changed) scores changed (written)")
}
for total in stored { histogram[Int(total)] += 1 }
print(
  "full rescoring \(candidateCount) × \(vacancyCount) = \(Int(pairs)) pairs, one thread, median of \(rounds): "
    + "wall \(format(median(fullWall))) s = \(Int(pairs / median(fullWall))) scores/s; "
    + "CPU \(format(median(fullCPU))) s = \(Int(pairs / median(fullCPU))) scores/s")

// Delta: 1,000 changed candidates × every vacancy, candidate-major as a change-event batch runs.
var deltaWall: [Double] = []
var deltaCPU: [Double] = []
var checksum = 0
for _ in 0..<max(rounds, 5) {
  let time = measure {
    for index in 0..<deltaCount {
      for total in matcher.scoreTotals(candidate: candidates[index], vacancies: vacancies) {
        checksum &+= Int(total)
      }
    }
  }
  deltaWall.append(time.wall)
  deltaCPU.append(time.cpu)
}
let deltaPairs = Double(deltaCount * vacancyCount)
print(
  "delta kernel \(deltaCount) × \(vacancyCount) = \(Int(deltaPairs)) pairs, median of \(deltaWall.count): "
    + "wall \(format(median(deltaWall) * 1_000)) ms, CPU \(format(median(deltaCPU) * 1_000)) ms "
    + "= \(Int(deltaPairs / median(deltaCPU))) scores/s (checksum \(checksum))")

// Explained scores (with sentences) for comparison: what an explanation or a changed score costs.
let sample = min(20_000, candidateCount)
let explainTime = seconds {
  for candidate in candidates.prefix(sample) {
    checksum &+= matcher.score(candidate: candidate, vacancy: vacancies[0]).total
  }
}
print("score with sentences: \(Int(Double(sample) / explainTime)) scores/s")

let deciles = stride(from: 0, through: 90, by: 10).map { low in
  histogram[low..<min(low + 10, 101)].reduce(0, +)
}
print(
  "score distribution by decile (0-9 ... 90-100): \(deciles.map { String($0) }.joined(separator: " "))"
)
