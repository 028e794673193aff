import Domain
import Foundation
import Storage
import Testing

@testable import App

/// The re-matcher's match events as the notifier writes them to the outbox: recipient, kind, digest key,
/// summary and the score breakdown, which must be the points stored for the score.
@Suite("match notifications")
struct MatchNotificationsTests {
  @Test("a score that crosses the threshold is one outbox notification with the stored breakdown")
  func scoreNotification() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let vacancy = try world.addVacancy(required: ["swift", "sql"])
    let candidate = try world.addCandidate(skills: ["go"])
    let rematcher = Rematcher(
      synonyms: RematchWorld.synonyms, clock: world.clock,
      sink: MatchNotifications(policy: NotificationPolicy(), clock: world.clock).sink)
    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.change(candidate, skills: ["swift", "sql"], kind: "job_changed")
    let report = try world.writing { try rematcher.matchChanges(in: $0) }
    // Crossing the threshold and moving by the delta: two events, one notification.
    #expect(report.eventsRaised == 2)
    let notifications = try world.reading { try OutboxStore.list(in: $0) }
    #expect(notifications.count == 1)
    let notification = try #require(notifications.first)
    #expect(notification.recipient == "u_anna")
    #expect(notification.kind == NotificationKind.scoreChanged.rawValue)
    #expect(notification.candidateID == candidate)
    #expect(notification.vacancyID == vacancy)
    #expect(notification.status == .delivered)
    let history = try world.reading { try ScoreStore.history(candidateID: candidate, in: $0) }
      .filter { $0.vacancyID == vacancy }
    let stored = try #require(history.last { $0.isCurrent })
    let previous = try #require(history.first { !$0.isCurrent })
    #expect(
      notification.summary
        == "Test Person for Engineer: advisory score \(previous.score) → \(stored.score)")
    let data = try NotificationData.decode(json: notification.data)
    #expect(
      data.score?.breakdown
        == MatchFeature.allCases.map {
          NotificationScore.Part(feature: $0.rawValue, points: Double(stored.points[$0]))
        })
    #expect(data.score?.score == stored.score)
    #expect(data.eventTypes == [NotificationKind.scoreChanged.rawValue])
    #expect(data.vacancy?.id == String(vacancy))
    #expect(
      notification.data
        == String(decoding: try NotificationData.encoder().encode(data), as: UTF8.self))
  }

  @Test(
    "several vacancies of one recruiter that moved in one pass are one notification listing each move"
  )
  func groupedPerRecipient() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let backend = try world.addVacancy(required: ["swift", "sql"], title: "Backend")
    let platform = try world.addVacancy(required: ["swift", "sql", "go"], title: "Platform")
    let other = try world.addVacancy(required: ["swift"], title: "Mobile", owner: "u_ben")
    let candidate = try world.addCandidate(skills: ["rust"])
    let rematcher = Rematcher(
      synonyms: RematchWorld.synonyms, clock: world.clock,
      sink: MatchNotifications(policy: NotificationPolicy(), clock: world.clock).sink)
    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.change(candidate, skills: ["swift", "sql", "go"], kind: "job_changed")
    _ = try world.writing { try rematcher.matchChanges(in: $0) }
    let notifications = try world.reading { try OutboxStore.list(in: $0) }
    #expect(notifications.map(\.recipient).sorted() == ["u_anna", "u_ben"])
    let history = try world.reading { try ScoreStore.history(candidateID: candidate, in: $0) }
    func scores(_ vacancy: Int64) throws -> (before: Int, after: Int) {
      let rows = history.filter { $0.vacancyID == vacancy }
      return (
        try #require(rows.first { !$0.isCurrent }).score,
        try #require(rows.last { $0.isCurrent }).score
      )
    }

    // Anna owns two vacancies that moved: one notification, a change per vacancy, the largest's breakdown.
    let anna = try #require(notifications.first { $0.recipient == "u_anna" })
    let data = try NotificationData.decode(json: anna.data)
    let moves = try [backend, platform].map { try scores($0) }
    #expect(
      data.changes
        == [
          NotificationChange(
            field: "score: Backend (#\(backend))", before: String(moves[0].before),
            after: String(moves[0].after)),
          NotificationChange(
            field: "score: Platform (#\(platform))", before: String(moves[1].before),
            after: String(moves[1].after)),
        ])
    #expect(data.eventCount == 2)
    let largest =
      abs(moves[0].after - moves[0].before) >= abs(moves[1].after - moves[1].before) ? 0 : 1
    #expect(anna.vacancyID == [backend, platform][largest])
    #expect(data.score?.score == moves[largest].after)
    #expect(anna.summary.hasPrefix("Test Person: advisory scores moved for 2 vacancies; largest: "))
    #expect(anna.kind == NotificationKind.scoreChanged.rawValue)

    // Ben owns one: the single-vacancy form, unchanged.
    let ben = try #require(notifications.first { $0.recipient == "u_ben" })
    let mobile = try scores(other)
    #expect(ben.vacancyID == other)
    #expect(
      ben.summary == "Test Person for Mobile: advisory score \(mobile.before) → \(mobile.after)")
    #expect(try NotificationData.decode(json: ben.data).changes.isEmpty)
  }

  @Test(
    "a candidate erased and replaced under the same id is described by the new record, never the old"
  )
  func noFactsAcrossPasses() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let vacancy = try world.addVacancy(required: ["swift"])
    let erased = try world.addCandidate(skills: ["swift"])
    let rematcher = Rematcher(
      synonyms: RematchWorld.synonyms, clock: world.clock,
      sink: MatchNotifications(policy: NotificationPolicy(), clock: world.clock).sink)
    _ = try world.writing { try rematcher.runDue(in: $0) }
    #expect(try world.reading { try OutboxStore.list(in: $0) }.count == 1)
    _ = try world.writing { try PurgeStore.purgeCandidate(erased, in: $0) }
    #expect(try world.reading { try OutboxStore.list(in: $0) }.isEmpty)
    // Scoring off and on again: the vacancy's next pass has the same trigger as the first.
    try world.setScoring(vacancy, false)
    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.setScoring(vacancy, true)
    let newcomer = try world.addCandidate(skills: ["swift"])
    #expect(newcomer == erased, "SQLite hands the highest free id out again")
    let renamed = String(
      decoding: try JSONEncoder().encode(
        CandidateProfile(name: "Dora New", skills: ["swift"], openToWork: false)),
      as: UTF8.self)
    try world.writing { connection in
      try connection.run(
        "UPDATE candidates SET profile = ? WHERE id = ?", [.text(renamed), .integer(newcomer)])
    }
    _ = try world.writing { try rematcher.runDue(in: $0) }
    let notifications = try world.reading { try OutboxStore.list(in: $0) }
    #expect(notifications.count == 1)
    #expect(notifications.allSatisfy { $0.summary.hasPrefix("Dora New for Engineer") })
  }
}
