import Domain
import Foundation
import Testing

/// Who is told, and how changes coalesce: pure, with fixed times.
@Suite("notification policy")
struct NotificationPolicyTests {
  private let now = Date(timeIntervalSince1970: 1_800_000_000)

  private func event(_ kind: NotificationKind = .jobChanged, vacancy: Int64? = nil)
    -> NotificationEvent
  {
    NotificationEvent(
      kind: kind, candidateID: 42, vacancyID: vacancy, summary: "moved",
      changes: [NotificationChange(field: "current_company", before: "Acme", after: "Initech")],
      observedAt: now)
  }

  @Test("the pipeline owner and a different vacancy owner each get one notification")
  func recipients() {
    let drafts = NotificationPolicy().drafts(
      for: event(), audience: NotificationAudience(pipelineOwner: "u_anna", vacancyOwner: "u_ben"),
      now: now)
    #expect(drafts.map(\.recipient) == ["u_anna", "u_ben"])
    #expect(drafts.map(\.data.recruiter.id) == ["u_anna", "u_ben"])
    #expect(drafts.allSatisfy { $0.digestWindow == 600 && $0.createdAt == now })
  }

  @Test("the same owner for pipeline and vacancy gets one notification")
  func sameOwnerOnce() {
    let drafts = NotificationPolicy().drafts(
      for: event(), audience: NotificationAudience(pipelineOwner: "u_anna", vacancyOwner: "u_anna"),
      now: now)
    #expect(drafts.count == 1)
  }

  @Test("digest keys: changes share one per recipient and candidate; scores add the vacancy")
  func digestKeys() {
    #expect(
      NotificationPolicy.digestKey(recipient: "u_anna", event: event()) == "u_anna|change|c42")
    #expect(
      NotificationPolicy.digestKey(recipient: "u_anna", event: event(.openToWork))
        == "u_anna|change|c42")
    #expect(
      NotificationPolicy.digestKey(recipient: "u_anna", event: event(.scoreChanged, vacancy: 7))
        == "u_anna|score|c42|v7")
  }

  @Test(
    "first change is sent now; later ones in the window wait in one digest due at the window's end")
  func digestDecisions() {
    #expect(
      NotificationDigest.decide(kind: .jobChanged, now: now, window: 600, latest: nil)
        == .create(sendAt: now))
    let sent = NotificationDigest(id: "ntf_a", kind: .profileChanged, sendAt: now, isSent: true)
    #expect(
      NotificationDigest.decide(
        kind: .jobChanged, now: now.addingTimeInterval(60), window: 600, latest: sent)
        == .create(sendAt: now.addingTimeInterval(600)))
    #expect(
      NotificationDigest.decide(
        kind: .jobChanged, now: now.addingTimeInterval(700), window: 600, latest: sent)
        == .create(sendAt: now.addingTimeInterval(700)))
    let held = NotificationDigest(
      id: "ntf_b", kind: .profileChanged, sendAt: now.addingTimeInterval(600), isSent: false)
    #expect(
      NotificationDigest.decide(
        kind: .jobChanged, now: now.addingTimeInterval(120), window: 600, latest: held)
        == .merge(id: "ntf_b", kind: .jobChanged))
    #expect(
      NotificationDigest.decide(
        kind: .profileChanged, now: now, window: 600,
        latest: NotificationDigest(id: "ntf_c", kind: .openToWork, sendAt: now, isSent: false))
        == .merge(id: "ntf_c", kind: .openToWork))
  }

  @Test("merging keeps the earliest before and the latest after per field, and counts events")
  func merging() {
    let first = NotificationData(
      recruiter: "u_anna", candidateID: 42, vacancyID: nil, summary: "a",
      changes: [NotificationChange(field: "title", before: "Engineer", after: "Senior")],
      score: nil,
      observedAt: now, eventTypes: ["candidate.profile_changed"])
    let second = NotificationData(
      recruiter: "u_anna", candidateID: 42, vacancyID: nil, summary: "b",
      changes: [
        NotificationChange(field: "title", before: "Senior", after: "Staff"),
        NotificationChange(field: "company", before: "Acme", after: "Initech"),
      ], score: nil, observedAt: now.addingTimeInterval(60), eventTypes: ["candidate.job_changed"])
    let merged = first.merging(second)
    #expect(
      merged.changes == [
        NotificationChange(field: "title", before: "Engineer", after: "Staff"),
        NotificationChange(field: "company", before: "Acme", after: "Initech"),
      ])
    #expect(merged.eventCount == 2)
    #expect(merged.eventTypes == ["candidate.profile_changed", "candidate.job_changed"])
    #expect(merged.observedAt == now.addingTimeInterval(60))
    #expect(merged.summary == "2 changes; latest: b")
  }

  @Test("a merged score digest names the vacancy of the score it carries, not an earlier pass's")
  func mergingScoresKeepsTheirVacancy() {
    func scoreData(vacancy: Int64, score: Int) -> NotificationData {
      NotificationData(
        recruiter: "u_anna", candidateID: 42, vacancyID: vacancy, summary: "v\(vacancy)",
        changes: [],
        score: NotificationScore(score: score, previous: 10, reason: "", breakdown: []),
        observedAt: now, eventTypes: ["candidate.score_changed"])
    }
    let merged = scoreData(vacancy: 1, score: 40).merging(scoreData(vacancy: 3, score: 70))
    #expect(merged.score?.score == 70)
    #expect(merged.vacancy?.id == "3")
    // A later event without a score keeps the digest's vacancy (and its score).
    let change = NotificationData(
      recruiter: "u_anna", candidateID: 42, vacancyID: nil, summary: "c",
      changes: [NotificationChange(field: "title", before: "A", after: "B")], score: nil,
      observedAt: now, eventTypes: ["candidate.job_changed"])
    let kept = merged.merging(change)
    #expect(kept.vacancy?.id == "3")
    #expect(kept.score?.score == 70)
  }

  @Test("data encodes with snake_case keys and RFC 3339 times, and decodes back")
  func dataRoundTrip() throws {
    let data = NotificationPolicy().drafts(
      for: event(), audience: NotificationAudience(pipelineOwner: "u_anna", vacancyOwner: nil),
      now: now)[0].data
    let json = String(decoding: try NotificationData.encoder().encode(data), as: UTF8.self)
    #expect(json.contains("\"observed_at\":\"2027-01-15T08:00:00.000Z\""))
    #expect(json.contains("\"event_count\":1"))
    #expect(
      try NotificationData.decoder().decode(NotificationData.self, from: Data(json.utf8)) == data)
  }
}
