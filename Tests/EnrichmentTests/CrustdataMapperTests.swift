import Domain
import Foundation
import Testing

@testable import Enrichment

private func decode(_ json: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(json.utf8))
}

private let example = """
  {"crustdata_person_id": 4815162342, "metadata": {"updated_at": "2026-11-20T08:00:00Z"},
   "basic_profile": {"name": "Example Person", "current_title": "CEO", "headline": "Co-founder at Example",
     "location": {"raw": "San Francisco, California, United States", "city": "San Francisco",
                  "state": "California", "country": "United States"}},
   "professional_network": {"open_to_cards": ["CAREER_INTEREST"],
     "profile_picture_permalink": "https://media.example.com/p.jpg"},
   "experience": {"employment_details": {
     "current": [{"name": "Side Gig", "title": "Advisor", "start_date": "2024-01-01T00:00:00", "is_default": false},
                 {"name": "Example Inc", "title": "Co-Founder & CEO", "start_date": "2023-01-01T00:00:00",
                  "end_date": null, "is_default": true, "seniority_level": "CXO"}],
     "past": [{"name": "Uber", "title": "Engineer", "start_date": "2014-05-01T00:00:00", "end_date": "2018-04-01T00:00:00"},
              {"name": "Lyft", "title": "Senior Software Engineer", "start_date": "2018-05-01T00:00:00",
               "end_date": "2022-12-01T00:00:00"}]}},
   "education": {"schools": [{"school": "Carnegie Mellon University", "degree": "Master of Science",
     "field_of_study": "Computer Science", "start_year": 2016, "end_year": 2018}]},
   "skills": {"professional_network_skills": ["Python", "Go"]},
   "extra_section": {"ignored": true}}
  """

@Suite("Crustdata mapper")
struct CrustdataMapperTests {
  @Test("person_data maps to the profile, the pending photo, the provider id and updated_at")
  func mapsExample() throws {
    let person = try CrustdataMapper.person(
      from: try decode(example), profileURL: "https://linkedin.com/in/example-person")
    #expect(person.providerID == "4815162342")
    #expect(person.providerUpdatedAt == Date(timeIntervalSince1970: 1_795_161_600))
    #expect(person.sensitiveFields == ["photo_url": "https://media.example.com/p.jpg"])
    let profile = person.profile
    #expect(profile.name == "Example Person")
    #expect(profile.currentTitle == "Co-Founder & CEO")
    #expect(profile.currentCompany == "Example Inc")
    #expect(profile.location?.city == "San Francisco")
    #expect(profile.location?.region == "California")
    #expect(profile.openToWork)
    #expect(profile.skills == ["Python", "Go"])
    #expect(profile.workHistory.map(\.company) == ["Example Inc", "Side Gig", "Lyft", "Uber"])
    #expect(profile.workHistory[0].startDate == "2023-01-01")
    #expect(profile.workHistory[0].isCurrent)
    #expect(profile.workHistory[2].endDate == "2022-12-01")
    #expect(!profile.workHistory[2].isCurrent)
    #expect(profile.education.first?.endYear == 2018)
    #expect(!person.rawPayload.isEmpty)
    // The photo is held pending a recruiter's decision, so the raw payload does not carry it either.
    let raw = String(decoding: person.rawPayload, as: UTF8.self)
    #expect(!raw.contains("media.example.com/p.jpg") && !raw.contains("profile_picture_permalink"))
  }

  @Test("missing sections are tolerated; the title falls back to basic_profile.current_title")
  func toleratesMissing() throws {
    let person = try CrustdataMapper.person(
      from: try decode(
        #"{"basic_profile": {"name": "Bo", "current_title": "Designer", "location": "Berlin"}}"#),
      profileURL: "https://linkedin.com/in/bo")
    #expect(person.providerID == nil)
    #expect(person.providerUpdatedAt == nil)
    #expect(person.sensitiveFields.isEmpty)
    #expect(person.profile.currentTitle == "Designer")
    #expect(person.profile.currentCompany == nil)
    #expect(person.profile.location?.raw == "Berlin")
    #expect(person.profile.workHistory.isEmpty)
    #expect(!person.profile.openToWork)
  }

  @Test(
    "a field of the wrong type is a malformed answer",
    arguments: [
      #"{"basic_profile": {"name": 42}}"#,
      #"{"skills": {"professional_network_skills": "Python"}}"#,
      #"{"experience": {"employment_details": {"current": [{"is_default": "yes"}]}}}"#,
      #"{"education": {"schools": [{"start_year": "2016"}]}}"#,
      #"{"crustdata_person_id": true}"#,
      #"{"metadata": {"updated_at": "last tuesday"}}"#,
      #"["not", "an", "object"]"#,
    ])
  func wrongTypes(json: String) throws {
    let decoded = try decode(json)
    #expect(throws: EnrichmentError.self) {
      _ = try CrustdataMapper.person(from: decoded, profileURL: "https://linkedin.com/in/x")
    }
    do {
      _ = try CrustdataMapper.person(from: decoded, profileURL: "https://linkedin.com/in/x")
    } catch {
      #expect(error.kind == .malformedResponse)
    }
  }

  @Test("dates with and without a zone parse as UTC")
  func dates() {
    #expect(
      CrustdataMapper.parseDate("2026-11-20T08:00:00Z")
        == Date(timeIntervalSince1970: 1_795_161_600))
    #expect(
      CrustdataMapper.parseDate("2026-11-20T08:00:00") == Date(timeIntervalSince1970: 1_795_161_600)
    )
    #expect(
      CrustdataMapper.parseDate("2026-11-20T08:00:00.000Z")
        == Date(timeIntervalSince1970: 1_795_161_600))
    #expect(CrustdataMapper.parseDate("nonsense") == nil)
  }

  @Test("the envelope joins on matched_on; an empty matches list is no match")
  func envelope() throws {
    let body = Array(
      """
      [{"matched_on": "https://www.linkedin.com/in/Ada-L/", "match_type": "professional_network_profile_url",
        "matches": [{"confidence_score": 1, "person_data": {"basic_profile": {"name": "Ada"}}}]},
       {"matched_on": "https://linkedin.com/in/nobody", "matches": []}]
      """.utf8)
    let answer = try CrustdataEnvelope.join(
      body: body,
      requested: [
        "https://linkedin.com/in/ada-l", "https://linkedin.com/in/nobody",
        "https://linkedin.com/in/left-out",
      ])
    #expect(Set(answer.found.keys) == ["https://linkedin.com/in/ada-l"])
    // A URL the answer does not mention is not a "no match": it was left out.
    #expect(answer.answered == ["https://linkedin.com/in/ada-l", "https://linkedin.com/in/nobody"])
    #expect(throws: EnrichmentError.self) {
      _ = try CrustdataEnvelope.join(body: Array("{not json".utf8), requested: [])
    }
    #expect(throws: EnrichmentError.self) {
      _ = try CrustdataEnvelope.join(body: Array(#"{"matched_on": "x"}"#.utf8), requested: [])
    }
  }

  @Test(
    "a batch's answer per URL: left out is unanswered, an unreadable person fails alone, both are billed"
  )
  func batchOutcomes() throws {
    let body = Array(
      """
      [{"matched_on": "https://linkedin.com/in/good-1", "matches": [{"person_data":
         {"basic_profile": {"name": "Good One"}}}]},
       {"matched_on": "https://linkedin.com/in/bad-2", "matches": [{"person_data":
         {"basic_profile": {"name": ["not", "a", "name"]}}}]},
       {"matched_on": "https://linkedin.com/in/none-3", "matches": []}]
      """.utf8)
    let batch = [
      "https://linkedin.com/in/good-1", "https://linkedin.com/in/bad-2",
      "https://linkedin.com/in/none-3", "https://linkedin.com/in/missing-4",
    ]
    let answer = try CrustdataEnvelope.join(body: body, requested: batch)
    let read = CrustdataClient.outcomes(for: batch, found: answer.found, answered: answer.answered)
    guard case .matched(let person)? = read.results[batch[0]] else {
      Issue.record("the readable person was lost: \(String(describing: read.results[batch[0]]))")
      return
    }
    #expect(person.profile.name == "Good One")
    guard case .unreadable? = read.results[batch[1]] else {
      Issue.record("expected unreadable: \(String(describing: read.results[batch[1]]))")
      return
    }
    #expect(read.results[batch[2]] == .noMatch)
    #expect(read.results[batch[3]] == .unanswered)
    #expect(read.billed == 2, "both matched people are billed")
  }

  @Test("several current positions and none marked default: the same pick in any order")
  func primaryPositionIsStable() throws {
    func data(_ positions: [[String: Any]]) -> [String: Any] {
      ["experience": ["employment_details": ["current": positions]]]
    }
    let advisor: [String: Any] = [
      "name": "Side", "title": "Advisor", "start_date": "2024-01-01T00:00:00",
    ]
    let engineer: [String: Any] = [
      "name": "Acme", "title": "Engineer", "start_date": "2025-06-01T00:00:00",
    ]
    let one = try CrustdataMapper.person(
      from: data([advisor, engineer]), profileURL: "https://linkedin.com/in/x")
    let other = try CrustdataMapper.person(
      from: data([engineer, advisor]), profileURL: "https://linkedin.com/in/x")
    #expect(one.profile.currentCompany == "Acme", "the latest start is the primary position")
    #expect(other.profile.currentCompany == one.profile.currentCompany)
    #expect(other.profile.currentTitle == one.profile.currentTitle)
    // A position marked default wins whatever its start.
    var marked = advisor
    marked["is_default"] = true
    let chosen = try CrustdataMapper.person(
      from: data([engineer, marked]), profileURL: "https://linkedin.com/in/x")
    #expect(chosen.profile.currentCompany == "Side")
  }

  @Test("an answer without employment keeps the record's position: no job change, no lost history")
  func missingEmploymentIsUnknown() throws {
    let earlier = CandidateProfile(
      name: "Ada", currentTitle: "Engineer", currentCompany: "Acme",
      workHistory: [
        CandidateProfile.WorkExperience(
          company: "Acme", title: "Engineer", startDate: "2023-01-01", endDate: nil,
          isCurrent: true, seniority: nil)
      ])
    let answer: [String: Any] = ["basic_profile": ["name": "Ada", "headline": "Builder"]]
    let person = try CrustdataMapper.person(from: answer, profileURL: "https://linkedin.com/in/ada")
    #expect(!person.employmentKnown)
    let kept = person.keepingEmployment(of: earlier)
    #expect(kept.profile.currentCompany == "Acme" && kept.profile.currentTitle == "Engineer")
    #expect(kept.profile.workHistory == earlier.workHistory)
    #expect(kept.profile.headline == "Builder", "the rest of the answer still applies")
    #expect(ChangeDetector().changes(from: earlier, to: kept.profile).isEmpty)
    // With an employment section, even an empty one, the answer is taken as it is.
    let empty = try CrustdataMapper.person(
      from: ["experience": ["employment_details": ["current": [Any]()]]],
      profileURL: "https://linkedin.com/in/ada")
    #expect(empty.employmentKnown)
    #expect(empty.keepingEmployment(of: earlier).profile.currentCompany == nil)
  }
}
