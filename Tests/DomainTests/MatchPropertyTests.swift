import Domain
import Testing

@Suite("Match score properties over generated candidates and vacancies")
struct MatchPropertyTests {
  /// Generated profiles and vacancies, with features from one builder (one id space).
  struct Cases {
    var builder: FeatureBuilder
    var profiles: [CandidateProfile] = []
    var candidates: [CandidateFeatures] = []
    var vacancies: [Vacancy] = []
    var vacancyFeatures: [VacancyFeatures] = []

    init(seed: UInt64, candidates candidateCount: Int, vacancies vacancyCount: Int) throws {
      builder = try MatchFixtures.builder()
      var generator = MatchCaseGenerator(seed: seed)
      for index in 0..<candidateCount {
        let profile = generator.profile()
        profiles.append(profile)
        candidates.append(
          builder.features(for: profile, candidateID: "c\(index)", asOf: MatchFixtures.now))
      }
      for index in 0..<vacancyCount {
        let vacancy = generator.vacancy(id: "v\(index)")
        vacancies.append(vacancy)
        vacancyFeatures.append(try builder.features(for: vacancy))
      }
    }
  }

  @Test("the same input gives the same score, also when built by a fresh builder in another order")
  func determinism() throws {
    let first = try Cases(seed: 11, candidates: 60, vacancies: 20)
    let again = try Cases(seed: 11, candidates: 60, vacancies: 20)
    var reversed = try MatchFixtures.builder()
    let reversedVacancies =
      try first.vacancies.reversed().map { try reversed.features(for: $0) }.reversed()
      as ReversedCollection<[VacancyFeatures]>
    let reversedCandidates =
      first.profiles.enumerated().reversed().map { index, profile in
        reversed.features(for: profile, candidateID: "c\(index)", asOf: MatchFixtures.now)
      }.reversed() as ReversedCollection<[CandidateFeatures]>
    let matcher = Matcher()
    for (c, (candidate, (other, shuffled))) in zip(
      first.candidates.indices, zip(first.candidates, zip(again.candidates, reversedCandidates)))
    {
      for (v, (vacancy, (otherVacancy, shuffledVacancy))) in zip(
        first.vacancyFeatures.indices,
        zip(first.vacancyFeatures, zip(again.vacancyFeatures, reversedVacancies)))
      {
        let score = matcher.score(candidate: candidate, vacancy: vacancy)
        #expect(score == matcher.score(candidate: candidate, vacancy: vacancy))
        #expect(score == matcher.score(candidate: other, vacancy: otherVacancy), "c\(c) v\(v)")
        #expect(
          score == matcher.score(candidate: shuffled, vacancy: shuffledVacancy), "c\(c) v\(v)")
      }
    }
  }

  @Test(
    "contributions add up to the total, within 0...100 and each within its maximum, on 20,000 pairs"
  )
  func contributionsSum() throws {
    let cases = try Cases(seed: 12, candidates: 400, vacancies: 50)
    let matcher = Matcher()
    var seen = Set<Int>()
    for candidate in cases.candidates {
      for vacancy in cases.vacancyFeatures {
        let score = matcher.score(candidate: candidate, vacancy: vacancy)
        #expect(score.contributions.map(\.points).reduce(0, +) == score.total)
        #expect((0...100).contains(score.total))
        #expect(score.contributions.map(\.feature) == MatchFeature.allCases)
        for part in score.contributions {
          #expect(
            (0...part.maxPoints).contains(part.points) && part.maxPoints == part.feature.maxPoints)
        }
        seen.insert(score.total)
      }
    }
    // The generator is varied enough to exercise the whole scale, not a handful of values.
    #expect(seen.count > 40)
  }

  @Test("the bulk kernel scoreTotal returns the same total as score on 20,000 pairs")
  func kernelAgrees() throws {
    let cases = try Cases(seed: 13, candidates: 400, vacancies: 50)
    let matcher = Matcher()
    var disagreements = 0
    for candidate in cases.candidates {
      for vacancy in cases.vacancyFeatures
      where matcher.scoreTotal(candidate: candidate, vacancy: vacancy)
        != matcher.score(candidate: candidate, vacancy: vacancy).total
      {
        disagreements += 1
      }
    }
    #expect(disagreements == 0)
  }

  @Test("the bulk loops (all pairs, one vacancy, one candidate) return the same totals as score")
  func bulkLoopsAgree() throws {
    // 300 candidates: more than one 256-candidate block, so the blocking's edges are covered.
    let cases = try Cases(seed: 16, candidates: 300, vacancies: 30)
    let matcher = Matcher()
    let matrix = matcher.scoreTotals(candidates: cases.candidates, vacancies: cases.vacancyFeatures)
    #expect(matrix.count == 300 * 30)
    var disagreements = 0
    for (v, vacancy) in cases.vacancyFeatures.enumerated() {
      let column = matcher.scoreTotals(candidates: cases.candidates, vacancy: vacancy)
      for (c, candidate) in cases.candidates.enumerated() {
        let total = UInt8(matcher.score(candidate: candidate, vacancy: vacancy).total)
        if matrix[v * 300 + c] != total || column[c] != total { disagreements += 1 }
      }
    }
    for (c, candidate) in cases.candidates.enumerated() {
      let row = matcher.scoreTotals(candidate: candidate, vacancies: cases.vacancyFeatures)
      for v in row.indices where row[v] != matrix[v * 300 + c] { disagreements += 1 }
    }
    #expect(disagreements == 0)
  }

  @Test("a candidate gaining a required skill never scores lower")
  func addingRequiredSkill() throws {
    var cases = try Cases(seed: 14, candidates: 150, vacancies: 40)
    let matcher = Matcher()
    var raised = 0
    for (index, profile) in cases.profiles.enumerated() {
      for (vacancy, features) in zip(cases.vacancies, cases.vacancyFeatures) {
        let before = matcher.scoreTotal(candidate: cases.candidates[index], vacancy: features)
        for skill in vacancy.criteria.requiredSkills {
          var more = profile
          more.skills.append(skill)
          let after = matcher.scoreTotal(
            candidate: cases.builder.features(
              for: more, candidateID: "c\(index)", asOf: MatchFixtures.now),
            vacancy: features)
          #expect(after >= before, "c\(index) \(vacancy.id) + \(skill)")
          if after > before { raised += 1 }
        }
      }
    }
    #expect(raised > 100)
  }

  @Test("moving into an accepted location never scores lower")
  func movingIntoAcceptedLocation() throws {
    var cases = try Cases(seed: 15, candidates: 150, vacancies: 40)
    let matcher = Matcher()
    let cities: [String: CandidateProfile.Location] = [
      "Amsterdam": .init(raw: "Amsterdam, Netherlands", city: "Amsterdam", country: "Netherlands"),
      "Netherlands": .init(
        raw: "Rotterdam, Netherlands", city: "Rotterdam", country: "Netherlands"),
      "Berlin, Germany": .init(raw: "Berlin, Germany", city: "Berlin", country: "Germany"),
      "London": .init(raw: "London, United Kingdom", city: "London", country: "United Kingdom"),
      "Utrecht": .init(raw: "Utrecht", city: "Utrecht"),
      "Lisbon": .init(raw: "Lisbon, Portugal", city: "Lisbon", country: "Portugal"),
    ]
    var raised = 0
    for (index, profile) in cases.profiles.enumerated() {
      for (vacancy, features) in zip(cases.vacancies, cases.vacancyFeatures) {
        let before = matcher.scoreTotal(candidate: cases.candidates[index], vacancy: features)
        for place in vacancy.criteria.locations {
          var moved = profile
          moved.location = cities[place]
          #expect(moved.location != nil, "\(place)")
          let after = matcher.scoreTotal(
            candidate: cases.builder.features(
              for: moved, candidateID: "c\(index)", asOf: MatchFixtures.now),
            vacancy: features)
          #expect(after >= before, "c\(index) \(vacancy.id) → \(place)")
          if after > before { raised += 1 }
        }
      }
    }
    #expect(raised > 100)
  }
}
