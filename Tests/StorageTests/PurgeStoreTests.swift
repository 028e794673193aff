import Domain
import Foundation
import Storage
import Testing

/// Purge is a hard delete everywhere: after it, no table holds any of the person's identifiers.
@Suite("Purge store")
struct PurgeStoreTests {
  static let name = "Grace Hopper-Zyx"
  static let url = "https://linkedin.com/in/grace-hopper-zyx"
  static let providerID = "9988776655"
  static let email = "grace.zyx@example.org"
  static let identifiers = [name, url, "grace-hopper-zyx", providerID, email]

  /// Fills every personal table for one person (and one bystander) the way the product does.
  static func seed(_ connection: Connection, now: Date) throws -> (person: Int64, bystander: Int64)
  {
    // A table another area adds later (notifications): purge finds it by its candidate_id column.
    try connection.execute(
      """
      CREATE TABLE later_area_outbox (id INTEGER PRIMARY KEY, candidate_id INTEGER, summary TEXT NOT NULL);
      CREATE TABLE later_area_receipts (
        id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL REFERENCES later_area_outbox (id), note TEXT);
      CREATE TABLE later_area_digest (id INTEGER PRIMARY KEY, summary TEXT NOT NULL);
      """)
    let person = try CandidateIdentityStore.ensure(
      provider: "crustdata", providerID: providerID, profileURL: url, now: now, in: connection)
    let bystander = try CandidateIdentityStore.ensure(
      provider: "crustdata", providerID: "111", profileURL: "https://linkedin.com/in/someone-else",
      now: now, in: connection)
    try connection.run(
      """
      UPDATE candidates SET name = ?, headline = ?, raw_payload = ?, sourced_at = ?, profile = ?
      WHERE id = ?
      """,
      [
        .text(name), .text("Admiral at \(name) Labs"),
        .blob(Array(#"{"name":"\#(name)","email":"\#(email)"}"#.utf8)), .date(now),
        .text(#"{"summary":"\#(name)"}"#), .integer(person),
      ])
    try connection.run(
      "UPDATE candidates SET name = 'Someone Else', sourced_at = ? WHERE id = ?",
      [.date(now), .integer(bystander)])
    try connection.run(
      "INSERT INTO pending_fields (candidate_id, field, value, proposed_at) VALUES (?, 'photo_url', ?, ?)",
      [.integer(person), .text("https://img.example/\(providerID).jpg"), .date(now)])
    try connection.run(
      """
      INSERT INTO contact_data (candidate_id, emails, phones, fetched_at, fetched_by_user_id)
      VALUES (?, ?, '["+31 6 1234"]', ?, 'u-rec')
      """, [.integer(person), .text(#"["\#(email)"]"#), .date(now)])
    try connection.run(
      """
      INSERT INTO vacancies (id, title, criteria, owner_user_id, created_at, updated_at)
      VALUES (1, 'Compiler engineer', '{}', 'u-rec', ?, ?)
      """, [.date(now), .date(now)])
    try connection.run(
      """
      INSERT INTO pipeline_entries (id, candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id,
        confirmed_at, stage_changed_by_user_id, stage_changed_at, last_activity_at)
      VALUES (1, ?, 1, 'sourced', 'u-rec', 'u-rec', ?, 'u-rec', ?, ?)
      """, [.integer(person), .date(now), .date(now), .date(now)])
    try connection.run(
      """
      INSERT INTO pipeline_stage_changes (pipeline_entry_id, from_stage, to_stage, changed_by_user_id,
        reason, changed_at) VALUES (1, NULL, 'sourced', 'u-rec', ?, ?)
      """, [.text("met \(name)"), .date(now)])
    let snapshot = try MatchSnapshotStore.insertCandidate(
      candidateID: person, basis: "m1/test", month: 0, takenAt: now, features: [1, 0],
      in: connection)
    try ScoreStore.record(
      [
        CandidateScoring(
          candidateID: person, trigger: "refresh", modelVersion: "m1", scoredAt: now,
          snapshotID: snapshot,
          writes: [
            ScoreWrite(vacancyID: 1, points: ScoreStoreTests.points(77), criteriaVersion: 1)
          ], current: CurrentScores())
      ], in: connection)
    try connection.run(
      """
      INSERT INTO plan_items (id, candidate_id, state, tier, priority, reason_code, reason, signal_ids,
        planned_at) VALUES (1, ?, 'done', 'hot', 1, 'signal', ?, '[1]', ?)
      """, [.integer(person), .text("job change of \(name)"), .date(now)])
    try connection.run(
      """
      INSERT INTO change_events (candidate_id, plan_item_id, kind, before, after, detected_at, created_at)
      VALUES (?, 1, 'title', 'Captain', ?, ?, ?)
      """, [.integer(person), .text("Admiral (\(name))"), .date(now), .date(now)])
    try connection.run(
      "INSERT INTO later_area_outbox (id, candidate_id, summary) VALUES (1, ?, ?)",
      [.integer(person), .text("\(name) changed jobs")])
    try connection.run(
      "INSERT INTO later_area_receipts (outbox_id, note) VALUES (1, ?)", [.text("sent to \(email)")]
    )
    try connection.run(
      "INSERT INTO later_area_digest (summary) VALUES (?), ('Someone Else moved')",
      [.text("3 changes: \(name), Someone Else and one more")])
    // A stored delivery that named the person, with the signal made from it.
    let body = Array(
      #"{"data":{"person":{"id":"\#(providerID)","profile_url":"\#(url)","name":"\#(name)"}}}"#.utf8
    )
    let outcome = try InboxStore.append(
      [
        InboxDelivery(
          source: "partner", deliveryID: "msg_1", scheme: "standard-webhooks", format: "canonical",
          receivedAt: now, signedAt: now, headers: ["webhook-id": "msg_1"], body: body)
      ], in: connection)
    guard case .accepted(let inboxID) = outcome.first else { throw Boom(tag: "append") }
    try InboxStore.record(
      [
        InboxProcessingResult(
          inboxID: inboxID, status: .processed,
          signals: [
            .init(
              ordinal: 0, candidateID: person,
              signal: Signal(
                kind: .changed,
                person: PersonReference(
                  provider: "crustdata", providerID: providerID, profileURL: url),
                detectedAt: now))
          ], processedAt: now)
      ], in: connection)
    return (person, bystander)
  }

  /// Every text or blob value in every column of every table that contains one of `needles`.
  static func findings(_ needles: [String], in connection: Connection) throws -> [String] {
    var found: [String] = []
    for table in try connection.tableNames() {
      for row in try connection.query("SELECT * FROM \"\(table)\"") {
        for (index, column) in row.columnNames.enumerated() {
          let text: String? =
            switch row[index] {
            case .text(let value): value
            case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
            default: nil
            }
          guard let text else { continue }
          for needle in needles where text.localizedCaseInsensitiveContains(needle) {
            found.append("\(table).\(column) contains \(needle)")
          }
        }
      }
    }
    return found
  }

  @Test("an erased candidate's id is never given to the next person added")
  func idsAreNotReused() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/ids.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      let now = Date(timeIntervalSince1970: 1_780_000_000)
      func add(_ providerID: String) throws -> Int64 {
        try CandidateIdentityStore.ensure(
          provider: "crustdata", providerID: providerID, profileURL: nil, now: now, in: connection)
      }
      let first = try add("100001")
      let newest = try add("100002")
      #expect(newest == first + 1)
      _ = try PurgeStore.purgeCandidate(newest, in: connection)
      let next = try add("100003")
      #expect(next == newest + 1, "the erased person's id was handed out again")
      try connection.run("DELETE FROM candidates WHERE id = ?", [.integer(next)])
      #expect(try add("100004") == next + 1)
    }
  }

  @Test("after a purge no table or column holds the person's name, URL, provider id or email")
  func purgeLeavesNoPersonalData() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/purge.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      let now = Date(timeIntervalSince1970: 1_780_000_000)
      let (person, bystander) = try Self.seed(connection, now: now)
      #expect(
        try Self.findings(Self.identifiers, in: connection).count >= 10, "the seed is personal")

      let report = try #require(
        try PurgeStore.purgeCandidate(
          person, redacting: ["later_area_digest": ["summary"]], in: connection))
      #expect(report.clearedBodies == 1)
      #expect(report.deletedRows["candidates"] == 1)
      #expect(report.deletedRows["later_area_outbox"] == 1)
      #expect(report.deletedRows["later_area_receipts"] == 1, "a child without cascade goes first")
      #expect(report.deletedRows["redacted.later_area_digest"] == 1)
      #expect(
        try connection.queryOne(
          "SELECT count(*) FROM later_area_digest WHERE summary = 'Someone Else moved'")?.int(0)
          == 1)

      #expect(try Self.findings(Self.identifiers, in: connection) == [])
      #expect(try ScoreStore.count(vacancyID: 1, in: connection) == 0)
      for table in ["match_log", "match_current", "match_snapshots"] {
        #expect(
          try connection.queryOne(
            "SELECT count(*) FROM \(table) WHERE candidate_id = ?",
            [
              .integer(person)
            ])?.int(0) == 0, "\(table)")
      }
      #expect(try connection.queryOne("SELECT count(*) FROM candidates")?.int(0) == 1)
      #expect(try PurgeStore.retentionRecord(candidateID: bystander, in: connection) != nil)
      #expect(try PurgeStore.purgeCandidate(person, in: connection) == nil)
      // The delivery row stays (its id and status are not personal) but its body is gone.
      #expect(try connection.queryOne("SELECT count(*) FROM inbox WHERE body IS NULL")?.int(0) == 1)
    }
  }

  @Test("retention records carry only the clocks, and a refresh leaves them untouched")
  func retentionRecordsIgnoreRefresh() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/r.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      let now = Date(timeIntervalSince1970: 1_780_000_000)
      let (person, _) = try Self.seed(connection, now: now)
      let before = try PurgeStore.retentionRecord(candidateID: person, in: connection)
      try connection.run(
        "UPDATE candidates SET enriched_at = ?, last_verified_at = ? WHERE id = ?",
        [
          .date(now.addingTimeInterval(86_400 * 20)), .date(now.addingTimeInterval(86_400 * 20)),
          .integer(person),
        ])
      #expect(try PurgeStore.retentionRecord(candidateID: person, in: connection) == before)
      #expect(before?.hasContactData == true)
      #expect(try PurgeStore.deleteContactData(candidateID: person, in: connection))
      #expect(
        try PurgeStore.retentionRecord(candidateID: person, in: connection)?.hasContactData == false
      )
    }
  }
}
