import Domain
import Testing

@Suite("Seniority band")
struct VacancySeniorityTests {
  /// The seniority contribution for a current title (and provider label) against `band`.
  func seniority(
    title: String?, label: String? = nil, band: ClosedRange<Seniority>?
  ) throws -> MatchContribution? {
    var builder = try MatchFixtures.builder()
    let profile = CandidateProfile(
      name: "Ada", currentTitle: title,
      workHistory: [
        .init(
          company: "A", title: title ?? "", startDate: "2020-01-01", isCurrent: true,
          seniority: label)
      ])
    let candidate = builder.features(for: profile, candidateID: "c", asOf: MatchFixtures.now)
    let vacancy = try builder.features(
      for: Vacancy(id: "v", title: "V", criteria: .init(seniority: band), ownerUserID: "u"))
    return Matcher().score(candidate: candidate, vacancy: vacancy).contributions.first {
      $0.feature == .seniority
    }
  }

  @Test("levels are ordered from intern to executive")
  func ordering() {
    #expect(Seniority.intern < .junior && .junior < .mid && .mid < .senior && .senior < .lead)
    #expect(Seniority.lead < .principal && .principal < .director && .director < .executive)
  }

  @Test("a level inside the band earns full points, one level off 2, further off 0")
  func band() throws {
    #expect(try seniority(title: "Sr. Backend Engineer", band: .mid ... .lead)?.points == 5)
    #expect(
      try seniority(title: "Sr. Backend Engineer", band: .mid ... .lead)?.sentence
        == "Senior, within the band Mid-level to Lead")
    #expect(try seniority(title: "Junior Developer", band: .mid ... .lead)?.points == 2)
    #expect(
      try seniority(title: "Junior Developer", band: .mid ... .lead)?.sentence
        == "Junior, one level from the band Mid-level to Lead")
    #expect(try seniority(title: "Intern", band: .mid ... .lead)?.points == 0)
    #expect(try seniority(title: "CTO", band: .mid ... .lead)?.points == 0)
    #expect(try seniority(title: "Principal Engineer", band: .mid ... .lead)?.points == 2)
  }

  @Test("the band's edges are inside it")
  func edges() throws {
    #expect(try seniority(title: "Medior Developer", band: .mid ... .lead)?.points == 5)
    #expect(try seniority(title: "Staff Engineer", band: .mid ... .lead)?.points == 5)
    #expect(
      try seniority(title: "Senior Engineer", band: .senior ... .senior)?.sentence
        == "Senior, within the band Senior")
  }

  @Test("without a seniority word in the title the provider's label is used, else it is unknown")
  func fallback() throws {
    #expect(
      try seniority(title: "Backend Engineer", label: "Senior", band: .senior ... .lead)?.points
        == 5)
    #expect(
      try seniority(title: "Backend Engineer", label: "Manager", band: .senior ... .lead)?.points
        == 5)
    let unknown = try seniority(title: "Backend Engineer", band: .senior ... .lead)
    #expect(unknown?.points == 2)
    #expect(unknown?.sentence == "Seniority not known; the band is Senior to Lead")
  }

  @Test("no band asked gives everyone full points")
  func noBand() throws {
    #expect(try seniority(title: "Intern", band: nil)?.points == 5)
  }
}
