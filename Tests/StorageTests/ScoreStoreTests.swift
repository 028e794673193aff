import Domain
import Foundation
import Testing

@testable import Storage

/// Scores through `ScoreStore` (migration 32's layout): history on every write, current scores per
/// candidate, score columns for a keyset-paginated list of everyone, erasure, and the migration of rows
/// stored in the old `match_scores` layout.
@Suite("Score store")
struct ScoreStoreTests {
  /// A migrated connection with one vacancy and candidates `ids`.
  private func seeded(_ directory: String, ids: [Int64]) throws -> Connection {
    let connection = try Connection(path: directory + "/scores.db")
    _ = try Migrator(Schema.migrations).migrate(connection)
    try Self.addVacancyAndCandidates(connection, ids: ids)
    return connection
  }

  private static func addVacancyAndCandidates(_ connection: Connection, ids: [Int64]) throws {
    try connection.run(
      """
      INSERT INTO vacancies (id, title, criteria, owner_user_id, created_at, updated_at)
      VALUES (1, 'Engineer', '{}', 'u_anna', 0, 0)
      """)
    for id in ids {
      try connection.run(
        "INSERT INTO candidates (id, provider, created_at) VALUES (?, 'test', 0)", [.integer(id)])
    }
  }

  /// Points adding up to `total`, filled feature by feature.
  static func points(_ total: Int) -> MatchPoints {
    var rest = total
    let values = MatchFeature.allCases.map { feature in
      let take = min(rest, feature.maxPoints)
      rest -= take
      return take
    }
    return MatchPoints(values) ?? MatchPoints(packed: 0)
  }

  /// Writes one score for `candidate` × vacancy 1 as its own run.
  private func write(
    _ candidate: Int64, _ total: Int, at seconds: Double = 0, in connection: Connection
  ) throws {
    try ScoreStore.record(
      [
        CandidateScoring(
          candidateID: candidate, trigger: "test", modelVersion: "tw-match-1",
          scoredAt: Date(timeIntervalSince1970: seconds), snapshotID: nil,
          writes: [ScoreWrite(vacancyID: 1, points: Self.points(total), criteriaVersion: 1)],
          current: try ScoreStore.current(candidateID: candidate, in: connection))
      ], in: connection)
  }

  @Test("writing a pair's score keeps the previous one as history, one current score per pair")
  func historyKept() throws {
    try withTemporaryDirectory { directory in
      let connection = try seeded(directory, ids: [1])
      try write(1, 40, at: 1, in: connection)
      try write(1, 70, at: 2, in: connection)
      let history = try ScoreStore.history(candidateID: 1, in: connection)
      #expect(history.map(\.score) == [40, 70])
      #expect(history.map(\.isCurrent) == [false, true])
      #expect(history.map(\.points.total) == [40, 70])
      let current = try ScoreStore.current(candidateID: 1, in: connection)
      #expect(current.entry(vacancyID: 1)?.score == 70)
      #expect(try ScoreStore.count(vacancyID: 1, in: connection) == 1)
      #expect(try ScoreStore.scoresWritten(in: connection) == 2)
    }
  }

  @Test(
    "pages follow score descending then candidate id, across column chunks, and list everyone once")
  func pagination() throws {
    try withTemporaryDirectory { directory in
      // Ids on both sides of a chunk boundary.
      let chunk = Int64(ScoreStore.chunkSize)
      let ids: [Int64] = [1, 2, 3, chunk - 1, chunk, chunk + 1, 2 * chunk + 5, 4, 5]
      let connection = try seeded(directory, ids: ids)
      let totals = [50, 80, 50, 10, 80, 50, 0, 100, 50]
      for (id, total) in zip(ids, totals) { try write(id, total, in: connection) }
      var seen: [Int64] = []
      var cursor: ScoreCursor?
      repeat {
        let page = try ScoreStore.matches(vacancyID: 1, limit: 2, after: cursor, in: connection)
        #expect(page.allSatisfy { $0.isCurrent && $0.points.total == $0.score })
        seen += page.map(\.candidateID)
        cursor =
          page.count == 2
          ? page.last.map { ScoreCursor(score: $0.score, candidateID: $0.candidateID) } : nil
        if let text = cursor?.description { #expect(ScoreCursor(text) == cursor) }
      } while cursor != nil
      #expect(seen == [4, 2, chunk, 1, 3, 5, chunk + 1, chunk - 1, 2 * chunk + 5])
      #expect(try ScoreStore.count(vacancyID: 1, in: connection) == ids.count)
      #expect(ScoreCursor("x.1") == nil)
      #expect(ScoreCursor("101.1") == nil)
    }
  }

  @Test("current scores merge new writes by vacancy, keep only referenced log rows, and round-trip")
  func currentScoresMerge() throws {
    let first = CurrentScores().applying(
      [
        ScoreWrite(vacancyID: 2, points: Self.points(30), criteriaVersion: 1),
        ScoreWrite(vacancyID: 7, points: Self.points(60), criteriaVersion: 3, byVacancy: true),
      ], logID: 10, modelVersion: "tw-match-1")
    let second = first.applying(
      [
        ScoreWrite(vacancyID: 2, points: Self.points(35), criteriaVersion: 1),
        ScoreWrite(vacancyID: 5, points: Self.points(100), criteriaVersion: 1),
      ], logID: 11, modelVersion: "tw-match-2")
    #expect(second.entries.map(\.vacancyID) == [2, 5, 7])
    #expect(second.entries.map(\.score) == [35, 100, 60])
    #expect(second.entry(vacancyID: 7).map { second.logID(of: $0) } == 10)
    #expect(second.entry(vacancyID: 2).map { second.modelVersion(of: $0) } == "tw-match-2")
    #expect(second.entry(vacancyID: 3) == nil)
    #expect(CurrentScores(encoded: second.encoded()) == second)
    let third = second.applying(
      [ScoreWrite(vacancyID: 7, points: Self.points(1), criteriaVersion: 4)], logID: 12,
      modelVersion: "tw-match-2")
    #expect(third.sources.map(\.logID).sorted() == [11, 12])
    #expect(CurrentScores(encoded: Array(second.encoded().dropLast())) == nil)
  }

  @Test(
    "erasing a candidate's columns removes them from the chunks and every pending patch at once")
  func eraseColumns() throws {
    try withTemporaryDirectory { directory in
      let connection = try seeded(directory, ids: [1, 2])
      try write(1, 40, in: connection)
      try write(2, 60, in: connection)
      try ScoreStore.fold(vacancyID: 1, extra: [], in: connection)
      try write(1, 45, in: connection)
      try ScoreStore.eraseColumns(candidateID: 1, in: connection)
      let page = try ScoreStore.matches(vacancyID: 1, limit: 10, after: nil, in: connection)
      #expect(page.map(\.candidateID) == [2])
      let chunk = try #require(
        try connection.queryOne("SELECT scores FROM match_columns WHERE vacancy_id = 1")?.blob(0))
      #expect(chunk[1] == 0xFF && chunk[2] == 60)
      for row in try connection.query("SELECT cells FROM match_column_patches") {
        let bytes = try #require(row.blob(0))
        let cells = try #require(ScoreStore.decodePatch(bytes))
        #expect(!cells.contains { $0.candidate == 1 })
      }
    }
  }

  @Test("patches are applied on read in order and folded into the chunks past the threshold")
  func patchesFold() throws {
    try withTemporaryDirectory { directory in
      let connection = try seeded(directory, ids: [])
      let count = ScoreStore.foldThreshold(vacancyID: 1) / 2 + 10
      let first = (0..<count).map {
        (vacancy: Int64(1), candidate: Int64($0 * 3 + 1), score: UInt8(10))
      }
      try ScoreStore.setCells(first, in: connection)
      #expect(try connection.queryOne("SELECT count(*) FROM match_column_patches")?.int(0) == 1)
      #expect(try connection.queryOne("SELECT count(*) FROM match_columns")?.int(0) == 0)
      try ScoreStore.setCells([(1, 4, 99), (1, 5, 98)], in: connection)
      var column = try ScoreStore.column(vacancyID: 1, in: connection)
      #expect(column.count == count + 1)
      #expect(column.first { $0.candidateID == 4 }?.score == 99)
      // Past the threshold the next write folds everything into the chunks.
      let second = (0..<count).map {
        (vacancy: Int64(1), candidate: Int64($0 * 3 + 1), score: UInt8(20))
      }
      try ScoreStore.setCells(second, in: connection)
      #expect(try connection.queryOne("SELECT count(*) FROM match_column_patches")?.int(0) == 0)
      column = try ScoreStore.column(vacancyID: 1, in: connection)
      #expect(column.count == count + 1)
      #expect(column.first { $0.candidateID == 4 }?.score == 20)
      #expect(column.first { $0.candidateID == 5 }?.score == 98)
      #expect(column.map(\.candidateID) == column.map(\.candidateID).sorted())
    }
  }

  @Test("migration 32 turns old match_scores rows into log rows with their stored breakdown")
  func legacyMigration() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/old.db")
      _ = try Migrator(Schema.migrations.filter { $0.id < 32 }).migrate(connection)
      try Self.addVacancyAndCandidates(connection, ids: [1, 2])
      let breakdown =
        #"[{"feature":"required_skills","max_points":40,"points":30,"sentence":"3 of 4 required skills"}]"#
      for (candidate, score, current) in [(1, 61, 0), (1, 74, 1), (2, 12, 1)] {
        try connection.run(
          """
          INSERT INTO match_scores (candidate_id, vacancy_id, score, contributions, model_version,
            trigger, scored_at, is_current) VALUES (?, 1, ?, ?, 'tw-match-0', 'change:1', ?, ?)
          """,
          [
            SQLValue(candidate), SQLValue(score), .text(breakdown), SQLValue(score),
            SQLValue(current),
          ])
      }
      _ = try Migrator(Schema.migrations).migrate(connection)
      let tables = try connection.tableNames()
      #expect(!tables.contains("match_scores"))
      let history = try ScoreStore.history(candidateID: 1, in: connection)
      #expect(history.map(\.score) == [61, 74])
      #expect(history.map(\.isCurrent) == [false, true])
      #expect(history.allSatisfy { $0.legacyContributions == breakdown && $0.snapshotID == nil })
      #expect(history.first?.points[.requiredSkills] == 30)
      #expect(history.first?.modelVersion == "tw-match-0")
      let page = try ScoreStore.matches(vacancyID: 1, limit: 10, after: nil, in: connection)
      #expect(page.map(\.candidateID) == [1, 2])
      #expect(page.map(\.score) == [74, 12])
      #expect(try ScoreStore.scoresWritten(in: connection) == 3)
    }
  }
}
