import Foundation
import Storage
import Testing

/// `match_scores` through `ScoreStore`: history on every write, a keyset-paginated list of everyone.
@Suite("Score store")
struct ScoreStoreTests {
  /// A migrated connection with one vacancy and `candidates` candidates.
  private func seeded(_ directory: String, candidates: Int) throws -> Connection {
    let connection = try Connection(path: directory + "/scores.db")
    _ = try Migrator(Schema.migrations).migrate(connection)
    try connection.run(
      """
      INSERT INTO vacancies (id, title, criteria, owner_user_id, created_at, updated_at)
      VALUES (1, 'Engineer', '{}', 'u_anna', 0, 0)
      """)
    for id in 1...candidates {
      try connection.run(
        "INSERT INTO candidates (id, provider, created_at) VALUES (?, 'test', 0)", [SQLValue(id)])
    }
    return connection
  }

  /// A score to write.
  private func score(_ candidate: Int64, _ total: Int, at seconds: Double = 0) -> ScoreWrite {
    ScoreWrite(
      candidateID: candidate, vacancyID: 1, score: total, contributions: "[]",
      modelVersion: "tw-match-1", trigger: "test", scoredAt: Date(timeIntervalSince1970: seconds))
  }

  @Test("writing a pair's score keeps the previous one as history, one current row per pair")
  func historyKept() throws {
    try withTemporaryDirectory { directory in
      let connection = try seeded(directory, candidates: 1)
      try ScoreStore.write(score(1, 40, at: 1), in: connection)
      try ScoreStore.write(score(1, 70, at: 2), in: connection)
      let history = try ScoreStore.history(candidateID: 1, in: connection)
      #expect(history.map(\.score) == [40, 70])
      #expect(history.map(\.isCurrent) == [false, true])
      #expect(try ScoreStore.current(candidateID: 1, in: connection)[1]?.score == 70)
      #expect(try ScoreStore.count(vacancyID: 1, in: connection) == 1)
    }
  }

  @Test("pages follow score descending then candidate id, and together list everyone once")
  func pagination() throws {
    try withTemporaryDirectory { directory in
      let connection = try seeded(directory, candidates: 9)
      let totals = [50, 80, 50, 10, 80, 50, 0, 100, 50]
      for (index, total) in totals.enumerated() {
        try ScoreStore.write(score(Int64(index + 1), total), in: connection)
      }
      var seen: [Int64] = []
      var cursor: ScoreCursor?
      repeat {
        let page = try ScoreStore.matches(vacancyID: 1, limit: 2, after: cursor, in: connection)
        seen += page.map(\.candidateID)
        cursor =
          page.count == 2
          ? page.last.map { ScoreCursor(score: $0.score, candidateID: $0.candidateID) } : nil
        if let text = cursor?.description { #expect(ScoreCursor(text) == cursor) }
      } while cursor != nil
      #expect(seen == [8, 2, 5, 1, 3, 6, 9, 4, 7])
      #expect(ScoreCursor("x.1") == nil)
      #expect(ScoreCursor("101.1") == nil)
    }
  }
}
