import Domain
import Foundation
import Logging
import Storage
import Testing

@testable import App

/// The compliance services in-process on a real SQLite file, with an injected clock.
@Suite("Compliance services")
struct ComplianceTests {
  static let start = Date(timeIntervalSince1970: 1_780_000_000)
  static let pepper = "a-compliance-test-pepper"

  /// A migrated database in a fresh directory, a manual clock and the compliance context.
  struct Fixture {
    let directory: TemporaryDirectory
    let database: Database
    let clock: ManualClock
    let context: ComplianceContext

    init(retention: RetentionPolicy = .defaults) async throws {
      directory = try TemporaryDirectory()
      database = try Database(path: directory.path + "/t.db", readerCount: 2)
      let migrator = try Migrator(Schema.migrations)
      _ = try await database.write { try migrator.migrate($0) }
      clock = ManualClock(ComplianceTests.start)
      context = ComplianceContext(
        database: database,
        configuration: Configuration(
          pepper: Configuration.Secret(ComplianceTests.pepper), retention: retention),
        clock: clock)
    }

    func close() {
      database.close()
      directory.remove()
    }

    /// Adds a sourced candidate; returns its id.
    func addCandidate(
      providerID: String, name: String, sourcedDaysAgo: Double = 0, contactedDaysAgo: Double? = nil,
      noticeDaysAgo: Double? = nil, contactEmail: String? = nil
    ) async throws -> Int64 {
      let now = clock.now()
      return try await database.write { connection in
        let id = try CandidateIdentityStore.ensure(
          provider: "crustdata", providerID: providerID,
          profileURL: "https://linkedin.com/in/\(providerID)", now: now, in: connection)
        func ago(_ days: Double?) -> SQLValue {
          days.map { SQLValue.date(now.addingTimeInterval(-$0 * 86_400)) } ?? .null
        }
        try connection.run(
          """
          UPDATE candidates SET name = ?, source = 'crustdata-search', sourced_at = ?, contacted_at = ?,
            art14_notice_sent_at = ?, confirmed_by_user_id = 'u-ann', confirmed_at = ? WHERE id = ?
          """,
          [
            .text(name), ago(sourcedDaysAgo), ago(contactedDaysAgo), ago(noticeDaysAgo), .date(now),
            .integer(id),
          ])
        if let contactEmail {
          try connection.run(
            """
            INSERT INTO contact_data (candidate_id, emails, phones, fetched_at, fetched_by_user_id)
            VALUES (?, ?, '[]', ?, 'u-ann')
            """, [.integer(id), .text(#"["\#(contactEmail)"]"#), .date(now)])
        }
        return id
      }
    }

    func exists(_ id: Int64) async throws -> Bool {
      try await database.read { try PurgeStore.retentionRecord(candidateID: id, in: $0) != nil }
    }

    func auditEntries() async throws -> [AuditEntry] {
      try await database.read { try AuditLogStore.entries(in: $0) }
    }
  }

  @Test(
    "the retention job keeps a sourced person on day 27, purges on day 28, and audits the purge")
  func retentionDay27And28() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let id = try await fixture.addCandidate(providerID: "p1", name: "Day Person")
    let service = RetentionService(
      context: fixture.context, logger: Logger(label: "test", sink: Logger.MemorySink()))

    fixture.clock.advance(by: 27 * 86_400)
    #expect(try await service.runOnce(dryRun: false).actions.isEmpty)
    #expect(try await fixture.exists(id))

    // A refresh on day 27 must not move the clock.
    _ = try await fixture.database.write { connection in
      try connection.run(
        "UPDATE candidates SET enriched_at = ?, last_verified_at = ? WHERE id = ?",
        [.date(fixture.clock.now()), .date(fixture.clock.now()), .integer(id)])
    }
    fixture.clock.advance(by: 86_400)
    let dry = try await service.runOnce(dryRun: true)
    #expect(dry.actions.map(\.candidateID) == [id])
    #expect(dry.actions.first?.rule == .sourcedNotContacted)
    #expect(dry.actions.first?.dueAt == Self.start.addingTimeInterval(28 * 86_400))
    #expect(try await fixture.exists(id), "a dry run deletes nothing")

    let report = try await service.runOnce(dryRun: false)
    #expect(report.actions.map(\.kind) == [.purge])
    #expect(!(try await fixture.exists(id)))
    let entries = try await fixture.auditEntries()
    #expect(entries.map(\.action).contains(.purge))
    #expect(entries.map(\.action).contains(.retentionConfigChange))
    #expect(!entries.contains { $0.details.contains("Day Person") || $0.details.contains("p1") })
  }

  @Test("a retention run also deletes webhook bodies whose window passed, and only those")
  func retentionPurgesExpiredBodies() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let now = fixture.clock.now()
    try await fixture.database.write { connection in
      for (id, purgeAfter) in [(1, now.addingTimeInterval(-1)), (2, now.addingTimeInterval(3600))] {
        try connection.run(
          """
          INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body,
            body_size, status, body_purge_after)
          VALUES (?, 'partner', ?, 'standard-webhooks', 'canonical', 0, '{}', x'7b7d', 2, 'ignored', ?)
          """, [.integer(Int64(id)), .text("d\(id)"), .date(purgeAfter)])
      }
    }
    let service = RetentionService(
      context: fixture.context, logger: Logger(label: "test", sink: Logger.MemorySink()))
    #expect(try await service.runOnce(dryRun: true).purgedWebhookBodies == 0)
    #expect(try await service.runOnce(dryRun: false).purgedWebhookBodies == 1)
    let held = try await fixture.database.read { connection in
      try connection.query("SELECT id FROM inbox WHERE body IS NOT NULL").compactMap { $0.int(0) }
    }
    #expect(held == [2])
  }

  @Test("a notice extends retention and contact data goes 365 days after first contact")
  func noticeAndContactData() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let noticed = try await fixture.addCandidate(
      providerID: "n1", name: "Noticed", noticeDaysAgo: 0)
    let contacted = try await fixture.addCandidate(
      providerID: "c1", name: "Contacted", contactedDaysAgo: 0, contactEmail: "c1@example.org")
    let service = RetentionService(
      context: fixture.context, logger: Logger(label: "test", sink: Logger.MemorySink()))

    fixture.clock.advance(by: 179 * 86_400)
    #expect(try await service.runOnce(dryRun: false).actions.isEmpty)
    fixture.clock.advance(by: 86_400)
    #expect(try await service.runOnce(dryRun: false).actions.map(\.candidateID) == [noticed])

    fixture.clock.advance(by: 185 * 86_400)
    let report = try await service.runOnce(dryRun: false)
    #expect(report.actions.map(\.kind) == [.contactData])
    #expect(try await fixture.exists(contacted), "contacted people keep their record")
    let record = try await fixture.database.read {
      try PurgeStore.retentionRecord(candidateID: contacted, in: $0)
    }
    #expect(record?.hasContactData == false)
    #expect(try await service.runOnce(dryRun: false).actions.isEmpty, "done once")
  }

  @Test(
    "erasure deletes, suppresses and audits; a re-add is refused without a reason and audited with one"
  )
  func erasureAndReAdd() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let id = try await fixture.addCandidate(providerID: "e1", name: "Erased Person")
    let outcome = try #require(
      try await ErasureService(context: fixture.context).erase(
        candidateID: id, actor: "u-ann", reason: "request by email"))
    #expect(outcome.suppressed)
    #expect(!(try await fixture.exists(id)))
    #expect(
      try await ErasureService(context: fixture.context).erase(
        candidateID: id, actor: "u-ann", reason: "again") == nil)

    let check = ComplianceSuppressionCheck(pseudonymizer: fixture.context.pseudonymizer)
    let sameURL = PersonReference(
      provider: "crustdata", profileURL: "https://www.linkedin.com/in/e1/")
    let now = fixture.clock.now()
    await #expect(throws: ComplianceSuppressionCheck.Refused.self) {
      try await fixture.database.write { connection in
        try check.check(sameURL, overrideReason: nil, actor: "u-bob", now: now, in: connection)
      }
    }
    await #expect(throws: ComplianceSuppressionCheck.Refused.self) {
      try await fixture.database.write { connection in
        try check.check(sameURL, overrideReason: "   ", actor: "u-bob", now: now, in: connection)
      }
    }
    try await fixture.database.write { connection in
      try check.check(
        sameURL, overrideReason: "person re-applied themselves", actor: "u-bob", now: now,
        in: connection)
      try check.check(
        PersonReference(provider: "crustdata", providerID: "someone-else"), overrideReason: nil,
        actor: "u-bob", now: now, in: connection)
    }
    let entries = try await fixture.auditEntries()
    #expect(entries.map(\.action) == [.erasure, .suppressionOverride])
    #expect(entries[0].actor == "u-ann")
    #expect(entries[1].actor == "u-bob")
    #expect(entries[1].detailValues["reason"] == "person re-applied themselves")
    #expect(try await fixture.database.read { try AuditLogStore.verify(in: $0) }.isIntact)
  }

  @Test(
    "the explanation names source, confirmer, pipeline, advisory scoring, scores, refreshes and retention"
  )
  func explanationContents() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let id = try await fixture.addCandidate(providerID: "x1", name: "Explained Person")
    let now = fixture.clock.now()
    try await fixture.database.write { connection in
      try connection.run(
        """
        INSERT INTO vacancies (id, title, criteria, owner_user_id, created_at, updated_at)
        VALUES (5, 'Platform engineer', '{}', 'u-ann', ?, ?)
        """, [.date(now), .date(now)])
      try connection.run(
        """
        INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id,
          confirmed_at, stage_changed_by_user_id, stage_changed_at, last_activity_at)
        VALUES (?, 5, 'interview', 'u-ann', 'u-ann', ?, 'u-bob', ?, ?)
        """, [.integer(id), .date(now), .date(now), .date(now)])
      // Scores of another model version: the explanation shows their stored points, saying why.
      for (score, seconds) in [(61, 0.0), (74, 60.0)] {
        var rest = score
        let points = MatchFeature.allCases.map { feature in
          let take = min(rest, feature.maxPoints)
          rest -= take
          return take
        }
        try ScoreStore.record(
          [
            CandidateScoring(
              candidateID: id, trigger: "job_changed", modelVersion: "matcher-2026.11",
              scoredAt: now.addingTimeInterval(seconds), snapshotID: nil,
              writes: [
                ScoreWrite(
                  vacancyID: 5, points: MatchPoints(points) ?? MatchPoints(packed: 0),
                  criteriaVersion: 1)
              ], current: try ScoreStore.current(candidateID: id, in: connection))
          ], in: connection)
      }
      try connection.run(
        """
        INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body, body_size)
        VALUES (1, 'partner', 'd1', 'standard-webhooks', 'canonical', ?, '{}', NULL, 0)
        """, [.date(now)])
      try connection.run(
        """
        INSERT INTO signals (id, inbox_id, ordinal, candidate_id, kind, detected_at, received_at, signal)
        VALUES (9, 1, 0, ?, 'job_changed', ?, ?, '{}')
        """, [.integer(id), .date(now), .date(now)])
      try connection.run(
        """
        INSERT INTO plan_items (candidate_id, state, tier, priority, reason_code, reason, signal_ids,
          planned_at, finished_at) VALUES (?, 'done', 'hot', 1, 'signal', 'a job change was signalled',
          '[9]', ?, ?)
        """, [.integer(id), .date(now), .date(now)])
    }
    let explanation = try #require(
      try await fixture.database.read { connection in
        try Explanation.build(candidateID: id, policy: .defaults, now: now, in: connection)
      })
    let text = explanation.plainText
    #expect(text.contains("crustdata-search"))
    #expect(text.contains("Confirmed into the database by u-ann"))
    #expect(text.contains("Platform engineer (vacancy 5): confirmed by u-ann"))
    #expect(text.contains("set by u-bob"))
    #expect(text.contains("AI-assisted") && text.contains("advisory"))
    #expect(text.contains("74/100") && text.contains("61/100") && text.contains("matcher-2026.11"))
    #expect(text.contains("title: +15.0 (Points as stored by model matcher-2026.11"))
    #expect(text.contains("a job change was signalled (caused by job_changed detected"))
    #expect(
      text.contains("deleted on \(ComplianceDates.day(Self.start.addingTimeInterval(28 * 86_400)))")
    )

    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(explanation.json.utf8)) as? [String: Any])
    #expect((json["scores"] as? [Any])?.count == 2)
    #expect(
      (json["pipelines"] as? [[String: Any]])?.first?["confirmed_by_user_id"] as? String == "u-ann")
    #expect(
      (json["retention"] as? [String: Any])?["record_rule"] as? String == "sourced_not_contacted")
    #expect((json["refreshes"] as? [[String: Any]])?.first?["signals"] as? [Any] != nil)
    #expect(json["scoring"] as? String == Explanation.scoringStatement)
  }

  @Test("the export holds every personal column and is audited")
  func exportIsCompleteAndAudited() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let id = try await fixture.addCandidate(
      providerID: "x2", name: "Exported Person", contactedDaysAgo: 1, contactEmail: "x2@example.org"
    )
    let document = try #require(
      try await ComplianceAPI(context: fixture.context).export(candidateID: id, actor: "u-ann"))
    #expect(document.contains("Exported Person"))
    #expect(document.contains("x2@example.org"))
    #expect(document.contains("https://linkedin.com/in/x2"))
    #expect(try await fixture.auditEntries().map(\.action) == [.export])
  }

  @Test("the export includes a delivery's body only when it names nobody else")
  func exportWithholdsOtherPeoplesBodies() async throws {
    let fixture = try await Fixture()
    defer { fixture.close() }
    let id = try await fixture.addCandidate(providerID: "x3", name: "Exported Person")
    let other = try await fixture.addCandidate(providerID: "x4", name: "Someone Else")
    try await fixture.database.write { connection in
      // 1: only them; 2: them and a person we hold; 3: them and a person we do not hold.
      for (inbox, ignored) in [(1, 0), (2, 0), (3, 1)] {
        try connection.run(
          """
          INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body,
            body_size, ignored_count) VALUES (?, 'partner', ?, 'standard-webhooks', 'canonical', 0,
            '{}', ?, 10, ?)
          """,
          [
            .integer(Int64(inbox)), .text("d\(inbox)"), .blob(Array("BODY-\(inbox)".utf8)),
            .integer(Int64(ignored)),
          ])
      }
      var signal: Int64 = 20
      for (inbox, candidate, ordinal) in [(1, id, 0), (2, id, 0), (2, other, 1), (3, id, 0)] {
        signal += 1
        try connection.run(
          """
          INSERT INTO signals (id, inbox_id, ordinal, candidate_id, kind, detected_at, received_at,
            signal) VALUES (?, ?, ?, ?, 'job_changed', 0, 0, '{}')
          """,
          [.integer(signal), .integer(Int64(inbox)), .integer(Int64(ordinal)), .integer(candidate)])
      }
    }
    let document = try #require(
      try await ComplianceAPI(context: fixture.context).export(candidateID: id, actor: "u-ann"))
    #expect(document.contains("BODY-1"))
    #expect(!document.contains("BODY-2") && !document.contains("BODY-3"))
    #expect(
      document.components(separatedBy: "withheld: the delivery also names other people").count == 3)
  }

  @Test(
    "a retention configuration that breaks Art. 14 or the audit minimum is refused with the reason")
  func invalidRetentionRefused() throws {
    #expect(throws: ConfigurationError.self) {
      try parseConfiguration(#"{"retention": {"sourced_retention_days": 30}}"#)
    }
    let art14 = #expect(throws: ConfigurationError.self) {
      try parseConfiguration(#"{"retention": {"sourced_retention_days": 45}}"#)
    }
    #expect(art14?.path == "retention.sourced_retention_days")
    #expect(art14?.message.contains("GDPR Art. 14") == true)
    let audit = #expect(throws: ConfigurationError.self) {
      try parseConfiguration(#"{"retention": {"audit_retention_days": 90}}"#)
    }
    #expect(audit?.path == "retention.audit_retention_days")
    #expect(audit?.message.contains("Art. 26(6)") == true)
    let valid = try parseConfiguration(
      #"{"retention": {"sourced_retention_days": 21, "noticed_retention_days": 90}}"#)
    #expect(valid.retention.sourcedRetentionDays == 21)
    #expect(valid.retention.contactRetentionDays == 365)
  }

  @Test("serve refuses to start with an invalid retention configuration and says why")
  func serveRefusesInvalidRetention() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(
      "talentwatch.json",
      #"{"listen": "127.0.0.1:0", "database": "t.db", "retention": {"sourced_retention_days": 30}}"#
    )
    let run = try await runCLI(["serve"], directory: directory)
    #expect(run.status == 1)
    #expect(run.standardError.contains("retention.sourced_retention_days"))
    #expect(run.standardError.contains("Art. 14"))
    #expect(!run.standardOutput.contains("listening"))
  }

  @Test("the record of processing reflects the live retention configuration and channels")
  func complianceReport() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(
      "talentwatch.json", #"{"database": "t.db", "retention": {"sourced_retention_days": 21}}"#)
    let run = try await runCLI(["compliance", "report"], directory: directory)
    #expect(run.status == 0)
    #expect(run.standardOutput.contains("sourced_retention_days: 21 days"))
    #expect(run.standardOutput.contains("21 days after sourcing"))
    #expect(run.standardOutput.contains("Recipients"))
  }
}
