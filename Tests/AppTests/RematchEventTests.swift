import Domain
import Foundation
import Logging
import Storage
import Testing

@testable import App

/// Match events raised through the service at the threshold and delta boundaries, handed to the sink inside
/// the scoring transaction.
@Suite("Re-matcher events")
struct RematchEventTests {
  /// One boundary case: a candidate moves from one required skill (65) to two (75).
  struct Boundary: Sendable, CustomTestStringConvertible {
    var threshold: Int
    var delta: Int
    var expected: [MatchEvent.Kind]
    var testDescription: String { "threshold \(threshold), delta \(delta): \(expected)" }
  }

  static let boundaries: [Boundary] = [
    Boundary(threshold: 75, delta: 10, expected: [.crossedThreshold, .movedByDelta]),
    Boundary(threshold: 76, delta: 10, expected: [.movedByDelta]),
    Boundary(threshold: 75, delta: 11, expected: [.crossedThreshold]),
    Boundary(threshold: 76, delta: 11, expected: []),
    Boundary(threshold: 65, delta: 11, expected: []),
  ]

  @Test(
    "65 → 75 raises events exactly at the configured threshold and delta", arguments: boundaries)
  func boundary(_ boundary: Boundary) async throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: ["Swift", "SQL", "Linux", "Go"])
    let thresholds = try MatchThresholds(
      notifyThreshold: boundary.threshold, notifyDelta: boundary.delta)
    let service = RematchService(
      database: world.database, rematcher: world.rematcher(thresholds: thresholds),
      logger: Logger(label: "test", sink: Logger.MemorySink()))
    _ = try await service.runOnce()
    _ = world.takeNotices()
    try world.change(candidate, skills: ["swift", "sql"])
    let report = try await service.runOnce()
    #expect(report.scoresWritten == 1)
    let notices = world.takeNotices()
    #expect(notices.flatMap { $0.events.map(\.kind) } == boundary.expected)
    if let notice = notices.first {
      #expect(notice.candidateID == candidate)
      #expect(notice.vacancyID == vacancy)
      #expect(notice.ownerUserID == "u_anna")
      #expect(notice.previous == 65)
      #expect(notice.points?.total == 75)
    }
    #expect(world.notices.withLock { $0.allSatisfy(\.inTransaction) })
  }

  @Test("a first score at the threshold crosses it; one point below does not")
  func firstScoring() async throws {
    let world = try RematchWorld()
    defer { world.close() }
    try world.addCandidate(skills: ["swift"])
    try world.addVacancy(required: ["Swift", "SQL", "Linux", "Go"])
    let rematcher = world.rematcher(thresholds: try MatchThresholds(notifyThreshold: 65))
    _ = try world.writing { try rematcher.runDue(in: $0) }
    #expect(world.takeNotices().flatMap { $0.events.map(\.kind) } == [.crossedThreshold])

    let other = try RematchWorld()
    defer { other.close() }
    try other.addCandidate(skills: ["swift"])
    try other.addVacancy(required: ["Swift", "SQL", "Linux", "Go"])
    let strict = other.rematcher(thresholds: try MatchThresholds(notifyThreshold: 66))
    _ = try other.writing { try strict.runDue(in: $0) }
    #expect(other.takeNotices().isEmpty)
  }

  @Test("an in-pipeline candidate who changes job raises an event even when the score did not move")
  func pipelineCandidateChanged() async throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let outsider = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: ["Swift"])
    let stopped = try world.addVacancy(required: ["Swift"], aiScoring: false)
    try world.addToPipeline(candidate, vacancy)
    try world.addToPipeline(candidate, stopped)
    let service = RematchService(
      database: world.database, rematcher: world.rematcher(),
      logger: Logger(label: "test", sink: Logger.MemorySink()))
    _ = try await service.runOnce()
    _ = world.takeNotices()
    try world.change(candidate, skills: ["swift"], kind: "job_changed")
    try world.change(outsider, skills: ["swift"], kind: "job_changed")
    let report = try await service.runOnce()
    #expect(report.scoresWritten == 0)
    let notices = world.takeNotices().sorted { $0.vacancyID < $1.vacancyID }
    #expect(notices.map(\.vacancyID) == [vacancy, stopped])
    #expect(notices.allSatisfy { $0.candidateID == candidate })
    #expect(notices.allSatisfy { $0.events.map(\.kind) == [.pipelineCandidateChanged] })
    #expect(notices.first?.points?.total == 95)
    #expect(notices.last?.points == nil)
  }

  @Test("a sink that throws rolls back the scores and leaves the change event unmatched")
  func sinkFailureRollsBack() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    try world.addVacancy(required: ["Swift", "SQL"])
    _ = try world.writing { try world.rematcher().runDue(in: $0) }
    let before = try world.scoreRows()
    try world.change(candidate, skills: ["swift", "sql"])
    struct Refused: Error {}
    let failing = Rematcher(
      synonyms: RematchWorld.synonyms, clock: world.clock, sink: { _, _ in throw Refused() })
    #expect(throws: Refused.self) {
      _ = try world.writing { try failing.runDue(in: $0) }
    }
    #expect(try world.scoreRows() == before)
    #expect(try world.unmatchedChangeCount() == 1)
  }
}
