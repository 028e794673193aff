import Domain
import Testing

@Suite("Years of relevant experience")
struct MatchExperienceTests {
  /// 2015-01..2018-12 and 2017-01..2020-06 as engineers (overlapping: 66 months together), then a product
  /// manager from 2020-07 until now (2025-06: 60 months), a nested side job, and one undated position.
  let profile = CandidateProfile(
    name: "Ada", currentTitle: "Product Manager",
    workHistory: [
      .init(company: "C", title: "Product Manager", startDate: "2020-07-01", isCurrent: true),
      .init(
        company: "B", title: "Software Engineer", startDate: "2017-01-01", endDate: "2020-06-30"),
      .init(
        company: "A", title: "Backend Engineer", startDate: "2015-01-01", endDate: "2018-12-31"),
      .init(
        company: "N", title: "Backend Engineer", startDate: "2016-03-01", endDate: "2016-08-31"),
      .init(company: "U", title: "Backend Engineer"),
    ])

  /// The experience contribution of `profile` for a vacancy with these titles and minimum.
  func experience(minimumYears: Int, titles: [String]) throws -> MatchContribution? {
    var builder = try MatchFixtures.builder()
    let candidate = builder.features(for: profile, candidateID: "c1", asOf: MatchFixtures.now)
    let vacancy = try builder.features(
      for: Vacancy(
        id: "v1", title: "Backend", criteria: .init(titles: titles, minimumYears: minimumYears),
        ownerUserID: "u"))
    return Matcher().score(candidate: candidate, vacancy: vacancy).contributions.first {
      $0.feature == .experience
    }
  }

  @Test("overlapping and nested positions are counted once")
  func overlapCountedOnce() throws {
    let part = try experience(minimumYears: 5, titles: ["Backend Engineer"])
    #expect(part?.points == 15)
    #expect(
      part?.sentence
        == "5.5 years of relevant experience; 5 years asked (1 position without usable dates not counted)"
    )
  }

  @Test("the share of the minimum reached is rounded down")
  func partialMinimum() throws {
    // 66 of 96 months: 15 × 66 / 96 = 10.3 → 10.
    #expect(try experience(minimumYears: 8, titles: ["Backend Engineer"])?.points == 10)
  }

  @Test("only positions whose title shares a word with the vacancy titles are relevant")
  func relevance() throws {
    // "Product Owner" shares "product" with the current position only: 2020-07..2025-06 = 60 months.
    let part = try experience(minimumYears: 10, titles: ["Product Owner"])
    #expect(part?.points == 7)
    #expect(part?.sentence.hasPrefix("5 years of relevant experience; 10 years asked") == true)
  }

  @Test("with no title asked every dated position counts, current ones up to now")
  func allPositions() throws {
    let part = try experience(minimumYears: 12, titles: [])
    // 66 + 60 = 126 months = 10.5 years of 12: 15 × 126 / 144 = 13.1 → 13.
    #expect(part?.points == 13)
    #expect(part?.sentence.hasPrefix("10.5 years of experience; 12 years asked") == true)
  }

  @Test("the total experience ignores undated positions and never exceeds the calendar")
  func totalMonths() throws {
    var builder = try MatchFixtures.builder()
    let features = builder.features(for: profile, candidateID: "c1", asOf: MatchFixtures.now)
    #expect(features.totalExperienceMonths == 126)
    #expect(features.undatedPositions == 1)
  }

  @Test("a position ending before it starts, or starting after now, is left out and said so")
  func unusableRanges() throws {
    var builder = try MatchFixtures.builder()
    let odd = CandidateProfile(
      name: "Bo",
      workHistory: [
        .init(company: "A", title: "Engineer", startDate: "2020-05-01", endDate: "2019-01-31"),
        .init(company: "B", title: "Engineer", startDate: "2031-01-01", isCurrent: true),
        .init(company: "C", title: "Engineer", startDate: "2020-13-01", endDate: "2021-01-31"),
        .init(company: "D", title: "Engineer", startDate: "2021", endDate: "2021-12"),
      ])
    let features = builder.features(for: odd, candidateID: "c", asOf: MatchFixtures.now)
    #expect(features.undatedPositions == 3)
    #expect(features.totalExperienceMonths == 12)
  }

  @Test("no minimum asked gives full points")
  func noMinimum() throws {
    #expect(try experience(minimumYears: 0, titles: ["Backend Engineer"])?.points == 15)
  }
}
