import Domain
import Testing

/// The pure diff of two profiles: one test per kind of change, plus what must not count as a change.
@Suite("ChangeDetector: what a refresh found changed, with before and after")
struct ChangeDetectorTests {
  private let detector = ChangeDetector()

  private func profile(
    title: String? = "Backend Engineer", company: String? = "Acme",
    location: String? = "Amsterdam, NL",
    openToWork: Bool = false, skills: [String] = ["Swift", "SQL"]
  ) -> CandidateProfile {
    CandidateProfile(
      name: "Test Person", currentTitle: title, currentCompany: company,
      location: location.map { CandidateProfile.Location(raw: $0) }, skills: skills,
      openToWork: openToWork)
  }

  @Test(
    "a new employer is one job change with title-at-company before and after, not also a title change"
  )
  func jobChanged() {
    let events = detector.changes(
      from: profile(), to: profile(title: "Staff Engineer", company: "Globex"))
    #expect(
      events == [
        ChangeEvent(
          kind: .jobChanged, before: "Backend Engineer at Acme", after: "Staff Engineer at Globex")
      ])
  }

  @Test("a new title at the same employer is a title change")
  func titleChanged() {
    let events = detector.changes(from: profile(), to: profile(title: "Senior Backend Engineer"))
    #expect(
      events == [
        ChangeEvent(
          kind: .titleChanged, before: "Backend Engineer", after: "Senior Backend Engineer")
      ])
  }

  @Test("a different employer with no title on either side is a company change")
  func companyChanged() {
    let events = detector.changes(
      from: profile(title: nil, company: "Acme"), to: profile(title: nil, company: "Globex"))
    #expect(events == [ChangeEvent(kind: .companyChanged, before: "Acme", after: "Globex")])
  }

  @Test("leaving a job without a new one is a job change to nothing")
  func jobEnded() {
    let events = detector.changes(from: profile(), to: profile(title: nil, company: nil))
    #expect(
      events == [ChangeEvent(kind: .jobChanged, before: "Backend Engineer at Acme", after: nil)])
  }

  @Test("a move is a location change with the raw texts")
  func locationChanged() {
    let events = detector.changes(from: profile(), to: profile(location: "Berlin, DE"))
    #expect(
      events == [ChangeEvent(kind: .locationChanged, before: "Amsterdam, NL", after: "Berlin, DE")])
  }

  @Test("switching open-to-work on is reported as false to true")
  func openToWork() {
    let events = detector.changes(from: profile(), to: profile(openToWork: true))
    #expect(events == [ChangeEvent(kind: .openToWorkChanged, before: "false", after: "true")])
  }

  @Test("an added skill is a skills change listing both sets sorted")
  func skillsChanged() {
    let events = detector.changes(from: profile(), to: profile(skills: ["SQL", "Swift", "Kotlin"]))
    #expect(
      events == [
        ChangeEvent(kind: .skillsChanged, before: "SQL, Swift", after: "Kotlin, SQL, Swift")
      ])
  }

  @Test("case, spacing and skill order are not changes; a first enrichment reports nothing")
  func noiseIsNotAChange() {
    let noisy = profile(
      title: " backend  engineer", company: "ACME", location: "amsterdam,  NL",
      skills: ["sql", "swift", "Swift"])
    #expect(detector.changes(from: profile(), to: noisy).isEmpty)
    #expect(detector.changes(from: nil, to: profile()).isEmpty)
  }

  @Test("several changes at once come in the fixed order job, location, open to work, skills")
  func severalAtOnce() {
    let events = detector.changes(
      from: profile(),
      to: profile(company: "Globex", location: "Utrecht, NL", openToWork: true, skills: ["Go"]))
    #expect(
      events.map(\.kind) == [.jobChanged, .locationChanged, .openToWorkChanged, .skillsChanged])
  }
}
