import Domain
import Testing

@Suite("Match list")
struct MatchListTests {
  /// A stored score of `total` for `candidate`.
  func score(_ candidate: String, _ total: Int) throws -> MatchScore {
    // One contribution per feature, filled greedily to reach `total`.
    var left = total
    let parts = MatchFeature.allCases.map { feature in
      let points = min(left, feature.maxPoints)
      left -= points
      return MatchContribution(
        feature: feature, points: points, maxPoints: feature.maxPoints, sentence: "test")
    }
    return try MatchScore(
      candidateID: candidate, vacancyID: "v1", modelVersion: "tw-match-1", contributions: parts)
  }

  /// The vacancy every list belongs to.
  let vacancy = Vacancy(id: "v1", title: "Backend", criteria: .init(), ownerUserID: "u_anna")

  @Test("ordered by score descending then candidate id, and everyone is kept, however low")
  func ordering() throws {
    let scores = try [
      score("c3", 40), score("c1", 90), score("c2", 40), score("c4", 0), score("c0", 100),
    ]
    let list = MatchList.entries(scores, for: vacancy)
    #expect(list.map(\.score.candidateID) == ["c0", "c1", "c2", "c3", "c4"])
    #expect(list.count == scores.count)
    #expect(list.allSatisfy { !$0.isStopped })
  }

  @Test("scores of a vacancy whose AI scoring is off stay readable, marked as stopped")
  func stopped() throws {
    var stopped = vacancy
    stopped.aiScoring = false
    let list = MatchList.entries(try [score("c1", 80), score("c2", 20)], for: stopped)
    #expect(list.map(\.score.total) == [80, 20])
    #expect(list.allSatisfy { $0.isStopped })
  }

  @Test("ordering is stable under input order")
  func stableOrder() throws {
    let scores = try (0..<50).map { try score("c\($0)", ($0 * 37) % 101) }
    #expect(
      MatchList.entries(scores, for: vacancy) == MatchList.entries(scores.reversed(), for: vacancy))
  }
}
