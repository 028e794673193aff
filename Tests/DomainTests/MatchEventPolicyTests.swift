import Domain
import Testing

@Suite("Match events")
struct MatchEventPolicyTests {
  /// The kinds of event the policy raises for this change.
  func kinds(
    _ previous: Int?, _ current: Int, inPipeline: Bool = false, jobChanged: Bool = false,
    openedToWork: Bool = false, thresholds: MatchThresholds = .standard
  ) -> [MatchEvent.Kind] {
    MatchEventPolicy.events(
      previous: previous, current: current, thresholds: thresholds, inPipeline: inPipeline,
      jobChanged: jobChanged, openedToWork: openedToWork
    ).map(\.kind)
  }

  @Test("69 → 70 crosses the threshold 70; 70 → 71 and 68 → 69 do not")
  func thresholdBoundary() {
    #expect(kinds(69, 70) == [.crossedThreshold])
    #expect(kinds(70, 71) == [])
    #expect(kinds(68, 69) == [])
    #expect(kinds(70, 69) == [])
  }

  @Test("a move of 10 raises movedByDelta at delta 10, a move of 9 does not, up or down")
  func deltaBoundary() {
    #expect(kinds(40, 50) == [.movedByDelta])
    #expect(kinds(40, 49) == [])
    #expect(kinds(50, 40) == [.movedByDelta])
    #expect(kinds(50, 41) == [])
    #expect(kinds(65, 75) == [.crossedThreshold, .movedByDelta])
  }

  @Test(
    "a first score counts as coming from 0: it crosses when at or above the threshold, never moves")
  func firstScore() {
    #expect(kinds(nil, 70) == [.crossedThreshold])
    #expect(kinds(nil, 69) == [])
    #expect(kinds(nil, 100) == [.crossedThreshold])
  }

  @Test(
    "a pipeline candidate who changes job or opens to work raises an event whatever the score did")
  func pipelineChanges() {
    #expect(kinds(50, 50, inPipeline: true, jobChanged: true) == [.pipelineCandidateChanged])
    #expect(kinds(50, 50, inPipeline: true, openedToWork: true) == [.pipelineCandidateChanged])
    #expect(kinds(50, 50, inPipeline: false, jobChanged: true) == [])
    #expect(kinds(50, 50, inPipeline: true) == [])
    #expect(
      kinds(60, 80, inPipeline: true, jobChanged: true) == [
        .crossedThreshold, .movedByDelta, .pipelineCandidateChanged,
      ])
  }

  @Test("each event says why in a sentence")
  func reasons() {
    let events = MatchEventPolicy.events(
      previous: 60, current: 72, inPipeline: true, jobChanged: true)
    #expect(
      events.map(\.reason) == [
        "Score rose from 60 to 72, reaching the notify threshold 70",
        "Score moved +12 (60 → 72), at least the notify delta 10",
        "A candidate in this vacancy's pipeline changed job",
      ])
  }

  @Test("thresholds are configurable and validated")
  func thresholds() throws {
    let custom = try MatchThresholds(notifyThreshold: 80, notifyDelta: 5)
    #expect(kinds(79, 80, thresholds: custom) == [.crossedThreshold])
    #expect(kinds(50, 55, thresholds: custom) == [.movedByDelta])
    #expect(throws: MatchError.self) { try MatchThresholds(notifyThreshold: 0) }
    #expect(throws: MatchError.self) { try MatchThresholds(notifyDelta: 0) }
    #expect(throws: MatchError.self) { try MatchThresholds(notifyThreshold: 101) }
  }
}
