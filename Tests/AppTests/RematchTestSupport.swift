import Domain
import Foundation
import Storage
import Synchronization

@testable import App

/// A migrated database in a temporary directory with helpers that seed candidates, vacancies, change
/// events and pipeline entries the way the records and planning code store them (fixture SQL only).
final class RematchWorld: Sendable {
  /// The directory holding the database file.
  let directory: TemporaryDirectory
  /// The database.
  let database: Database
  /// The scoring time.
  let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
  /// Match notices the sink received, each with whether its connection was inside a transaction.
  let notices = NoticeLog()

  /// A list of notices shared between the sink and the test; the mutex serializes access.
  final class NoticeLog: Sendable {
    private let list = Mutex<[(notice: MatchingNotice, inTransaction: Bool)]>([])

    /// Runs `body` with the list locked.
    func withLock<T>(_ body: (inout [(notice: MatchingNotice, inTransaction: Bool)]) -> T) -> T {
      list.withLock { body(&$0) }
    }
  }

  /// Creates and migrates a fresh database.
  init() throws {
    directory = try TemporaryDirectory()
    database = try Database(path: directory.path + "/talentwatch.db", readerCount: 1)
    let migrator = try Migrator(Schema.migrations)
    _ = try database.writeSync { try migrator.migrate($0) }
  }

  /// Runs `body` on the writer (a short blocking call, for test set-up and assertions).
  func writing<T>(_ body: (Connection) throws -> T) throws -> T { try database.writeSync(body) }

  /// Runs `body` on a reader (a short blocking call, for assertions).
  func reading<T>(_ body: (Connection) throws -> T) throws -> T { try database.readSync(body) }

  /// Closes and deletes everything.
  func close() {
    database.close()
    directory.remove()
  }

  /// Synonyms small enough to read in a test (`js` → `javascript`, `k8s` → `kubernetes`).
  static let synonyms: MatchingSynonyms = {
    let skills =
      (try? SynonymTable(synonyms: ["javascript": ["js"], "kubernetes": ["k8s"]])) ?? .empty
    return MatchingSynonyms(skills: skills, titles: .empty)
  }()

  /// A re-matcher whose sink records notices.
  func rematcher(thresholds: MatchThresholds = .standard) -> Rematcher {
    let notices = notices
    return Rematcher(
      synonyms: Self.synonyms, thresholds: thresholds, clock: clock,
      sink: { candidateNotices, connection in
        let inTransaction = connection.isInTransaction
        notices.withLock { list in
          for notice in candidateNotices { list.append((notice, inTransaction)) }
        }
      })
  }

  /// The notices received so far, emptied.
  func takeNotices() -> [MatchingNotice] {
    notices.withLock { list in
      defer { list.removeAll() }
      return list.map(\.notice)
    }
  }

  /// Inserts a candidate with `skills` (and open to work) and returns its id.
  @discardableResult
  func addCandidate(skills: [String], openToWork: Bool = false) throws -> Int64 {
    let profile = try Self.profileJSON(skills: skills, openToWork: openToWork)
    return try database.writeSync { connection in
      try connection.run(
        "INSERT INTO candidates (provider, created_at, profile) VALUES ('test', 0, ?)",
        [.text(profile)])
      return connection.lastInsertRowID
    }
  }

  /// Replaces a candidate's profile and records a change event of `kind`; returns the event id.
  @discardableResult
  func change(
    _ candidate: Int64, skills: [String], openToWork: Bool = false, kind: String = "profile_changed"
  )
    throws -> Int64
  {
    let profile = try Self.profileJSON(skills: skills, openToWork: openToWork)
    return try database.writeSync { connection in
      try connection.run(
        "UPDATE candidates SET profile = ? WHERE id = ?", [.text(profile), .integer(candidate)])
      try connection.run(
        "INSERT INTO change_events (candidate_id, kind, detected_at, created_at) VALUES (?, ?, 0, 0)",
        [.integer(candidate), .text(kind)])
      return connection.lastInsertRowID
    }
  }

  /// Inserts an open vacancy requiring `required` skills and returns its id.
  @discardableResult
  func addVacancy(
    required: [String], aiScoring: Bool = true, isOpen: Bool = true, title: String = "Engineer",
    owner: String = "u_anna"
  ) throws -> Int64 {
    let criteria = try Self.criteriaJSON(required: required)
    return try database.writeSync { connection in
      try connection.run(
        """
        INSERT INTO vacancies (title, criteria, owner_user_id, is_open, ai_scoring, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 0, 0)
        """,
        [.text(title), .text(criteria), .text(owner), SQLValue(isOpen), SQLValue(aiScoring)])
      return connection.lastInsertRowID
    }
  }

  /// Edits a vacancy's required skills and moves its criteria version, as the admin API does.
  func editVacancy(_ vacancy: Int64, required: [String]) throws {
    let criteria = try Self.criteriaJSON(required: required)
    try database.writeSync { connection in
      try connection.run(
        "UPDATE vacancies SET criteria = ?, criteria_version = criteria_version + 1 WHERE id = ?",
        [.text(criteria), .integer(vacancy)])
    }
  }

  /// Switches a vacancy's AI scoring.
  func setScoring(_ vacancy: Int64, _ on: Bool) throws {
    try database.writeSync { connection in
      try connection.run(
        "UPDATE vacancies SET ai_scoring = ? WHERE id = ?", [SQLValue(on), .integer(vacancy)])
    }
  }

  /// Puts a candidate in a vacancy's pipeline, confirmed by a human.
  func addToPipeline(_ candidate: Int64, _ vacancy: Int64) throws {
    try database.writeSync { connection in
      try connection.run(
        """
        INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id,
          confirmed_at, stage_changed_by_user_id, stage_changed_at, last_activity_at)
        VALUES (?, ?, 'screening', 'u_anna', 'u_anna', 0, 'u_anna', 0, 0)
        """, [.integer(candidate), .integer(vacancy)])
      let entry = connection.lastInsertRowID
      try connection.run(
        """
        INSERT INTO pipeline_stage_changes (pipeline_entry_id, from_stage, to_stage, changed_by_user_id, changed_at)
        VALUES (?, NULL, 'screening', 'u_anna', 0)
        """, [.integer(entry)])
    }
  }

  /// Every score ever written as (log row, candidate, vacancy, score, current), in writing order.
  func scoreRows() throws -> [[Int64]] {
    try database.readSync { connection in
      var rows: [[Int64]] = []
      for candidate in try connection.query("SELECT id FROM candidates ORDER BY id").compactMap({
        $0.int(0)
      }) {
        rows += try ScoreStore.history(candidateID: candidate, in: connection).map {
          [$0.logID, $0.candidateID, $0.vacancyID, Int64($0.score), $0.isCurrent ? 1 : 0]
        }
      }
      return rows.sorted { ($0[0], $0[2]) < ($1[0], $1[2]) }
    }
  }

  /// The current score of a pair.
  func currentScore(_ candidate: Int64, _ vacancy: Int64) throws -> Int? {
    try database.readSync { connection in
      try ScoreStore.current(candidateID: candidate, in: connection).entry(vacancyID: vacancy).map {
        Int($0.score)
      }
    }
  }

  /// Both pipeline tables, every column, as text: to prove nothing changed them.
  func pipelineSnapshot() throws -> [String] {
    try database.readSync { connection in
      let entries = try connection.query("SELECT * FROM pipeline_entries ORDER BY id")
      let changes = try connection.query("SELECT * FROM pipeline_stage_changes ORDER BY id")
      return (entries + changes).map { "\($0.values)" }
    }
  }

  /// Change events not yet matched.
  func unmatchedChangeCount() throws -> Int {
    try database.readSync { connection in
      Int(
        try connection.queryOne("SELECT count(*) FROM change_events WHERE matched_at IS NULL")?.int(
          0) ?? -1)
    }
  }

  /// A profile as the records code stores it (`CandidateProfile` JSON).
  static func profileJSON(skills: [String], openToWork: Bool) throws -> String {
    let profile = CandidateProfile(name: "Test Person", skills: skills, openToWork: openToWork)
    return String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
  }

  /// Criteria as the records code stores them (`VacancyCriteria` JSON).
  static func criteriaJSON(required: [String]) throws -> String {
    String(
      decoding: try JSONEncoder().encode(VacancyCriteria(requiredSkills: required)), as: UTF8.self)
  }
}
