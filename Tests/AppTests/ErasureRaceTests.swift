import Domain
import Enrichment
import Foundation
import Ingest
import Logging
import Storage
import Testing

@testable import App

/// Erases a candidate while the provider call is in flight, then answers.
final class ErasingEnricher: PersonEnricher {
  let inner: CountingEnricher
  let onCall: @Sendable () async -> Void
  init(inner: CountingEnricher, onCall: @escaping @Sendable () async -> Void) {
    self.inner = inner
    self.onCall = onCall
  }
  func enrich(profileURLs: [String], purpose: EnrichmentPurpose) async throws(EnrichmentError)
    -> [EnrichmentOutcome]
  {
    await onCall()
    return try await inner.enrich(profileURLs: profileURLs, purpose: purpose)
  }
  func fetchContactData(profileURL: String, purpose: EnrichmentPurpose)
    async throws(EnrichmentError) -> ContactData?
  { nil }
}

/// Erasure racing the other ways a person can be written: a refresh answering after the erasure, an admin
/// add whose provider answer names an erased person, re-processing stored deliveries, and a person
/// re-added with an audited override.
@Suite("erasure against refresh, add, replay and override")
struct ErasureRaceTests {
  let now = Date(timeIntervalSince1970: 1_790_000_000)

  @Test("a refresh answering after the candidate was erased writes nothing and re-creates no one")
  func refreshAfterErasure() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let seed = try PlanTestDatabase(directory: directory, now: now)
    try seed.candidate(
      1, verifiedDaysAgo: 10,
      profile: CandidateProfile(name: "Erased Person", currentTitle: "Eng", currentCompany: "Acme"))
    try seed.signal(candidate: 1, kind: .jobChanged, detectedDaysAgo: 1)
    let database = try Database(path: seed.path)
    defer { database.close() }
    let clock = ManualClock(now)
    let context = ComplianceContext(
      database: database,
      configuration: Configuration(pepper: Configuration.Secret("a-review-probe-pepper-123")),
      clock: clock)
    let inner = CountingEnricher(profiles: [
      PlanTestDatabase.url(1): CandidateProfile(
        name: "Erased Person", currentTitle: "Staff", currentCompany: "Globex")
    ])
    let enricher = ErasingEnricher(inner: inner) {
      _ = try? await ErasureService(context: context).erase(
        candidateID: 1, actor: "u-ann", reason: "request")
    }
    let executor = RefreshExecutor(
      database: database, enricher: enricher, clock: clock,
      logger: Logger(label: "test", sink: Logger.MemorySink()), batchSize: 2)
    let cycle = RefreshCycle(
      builder: PlanBuilder(policy: .delta, creditsPerDay: nil), executor: executor)
    let (_, summary) = try await cycle.run()
    #expect(summary.dropped == 1 && summary.done == 0)
    try await database.read { connection in
      let row = try connection.queryOne(
        "SELECT id, name, confirmed_by_user_id, raw_payload IS NOT NULL, profile FROM candidates")
      #expect(row == nil, "the erased person was re-created by the refresh")
      #expect(try SuppressionStore.count(in: connection) == 1)
    }
  }

  @Test(
    "erasure deletes a quarantined body that names the person; a replay applies the suppression list"
  )
  func replayAfterErasure() async throws {
    let fixture = try await ErasureFixture(now: now)
    defer { fixture.remove() }
    let (path, configuration, database) = (
      fixture.configuration.database, fixture.configuration, fixture.database
    )
    let body =
      #"{"type": "person.changed", "timestamp": "2026-12-02T06:00:00Z", "data": {"person": {"provider": "crustdata", "id": "4815162348", "profile_url": "https://www.linkedin.com/in/erased-person"}, "detected_at": "2026-12-02T05:59:58Z"}}"#
    let id = try await database.write { connection -> Int64 in
      let id = try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: "4815162348",
        profileURL: "https://linkedin.com/in/erased-person", now: Date(), in: connection)
      try connection.run(
        "UPDATE candidates SET name = 'Erased Person' WHERE id = ?", [.integer(id)])
      // A delivery quarantined earlier (e.g. format misconfigured) that names the person.
      try connection.run(
        """
        INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body, body_size,
          status, error) VALUES (7, 'partner', 'd7', 'standard-webhooks', 'coresignal', 0, '{}', ?, ?,
          'quarantined', 'bad format')
        """, [.blob(Array(body.utf8)), .integer(Int64(body.utf8.count))])
      return id
    }
    try await fixture.erase(id)
    let after = try await database.read { connection in
      try connection.queryOne("SELECT status, body IS NOT NULL FROM inbox WHERE id = 7")
    }
    #expect(after?.text(0) == "quarantined")
    #expect(after?.bool(1) == false, "the quarantined body naming the erased person was kept")
    // The same person's delivery arrives again after the erasure, quarantined under a wrong format;
    // the operator fixes the format and re-processes it: the suppression list applies.
    try await database.write { connection in
      try connection.run(
        """
        INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body, body_size,
          status, error) VALUES (8, 'partner', 'd8', 'standard-webhooks', 'canonical', 0, '{}', ?, ?,
          'quarantined', 'bad format')
        """, [.blob(Array(body.utf8)), .integer(Int64(body.utf8.count))])
    }
    database.close()
    let selection = try ReplayInboxSelection(status: nil, source: nil, since: nil, ids: ["8"])
    _ = try await ReplayFromInbox.run(
      selection: selection, configuration: configuration,
      output: CLIOutput(standardOutput: { _ in }, standardError: { _ in }))
    let reopened = try Database(path: path, readerCount: 1)
    defer { reopened.close() }
    let row = try await reopened.read { connection in
      try connection.queryOne("SELECT status, body IS NOT NULL FROM inbox WHERE id = 8")
    }
    #expect(row?.text(0) == "suppressed")
    #expect(row?.bool(1) == false)
  }

  @Test("a person re-added with an audited override gets their webhooks processed again")
  func overrideThenWebhook() async throws {
    let fixture = try await ErasureFixture(now: now)
    defer { fixture.remove() }
    let (database, clock, context) = (fixture.database, fixture.clock, fixture.context)
    try await fixture.erase(
      try await fixture.hold(
        providerID: "4815162348", profileURL: "https://linkedin.com/in/erased-person"))
    // Re-added with an audited override (as CandidateStore.upsert would after the check passes).
    let second = try await fixture.hold(
      providerID: "4815162348", profileURL: "https://linkedin.com/in/erased-person")
    let body =
      #"{"type": "person.changed", "timestamp": "2026-12-02T06:00:00Z", "data": {"person": {"provider": "crustdata", "id": "4815162348"}, "detected_at": "2026-12-02T05:59:58Z"}}"#
    try await database.write { connection in
      try connection.run(
        """
        INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body, body_size)
        VALUES (1, 'partner', 'd1', 'standard-webhooks', 'canonical', 0, '{}', ?, ?)
        """, [.blob(Array(body.utf8)), .integer(Int64(body.utf8.count))])
    }
    let processor = InboxProcessor(
      database: database, clock: clock,
      isSuppressed: ComplianceContext.ingestSuppression(context.pseudonymizer))
    try await processor.drain()
    let row = try await database.read { connection in
      try connection.queryOne("SELECT status, signal_count FROM inbox WHERE id = 1")
    }
    #expect(row?.text(0) == "processed")
    let signals = try await database.read { connection in
      try connection.queryOne(
        "SELECT count(*) FROM signals WHERE candidate_id = ?", [.integer(second)])
    }
    #expect(signals?.int(0) == 1)
  }

  @Test("an add whose provider answer names an erased person is refused, whatever URL was given")
  func addByOtherURL() async throws {
    let fixture = try await ErasureFixture(now: now)
    defer { fixture.remove() }
    let (database, clock, context) = (fixture.database, fixture.clock, fixture.context)
    try await fixture.erase(
      try await fixture.hold(providerID: "p1", profileURL: "https://linkedin.com/in/person-1"))
    let enricher = CountingEnricher(profiles: [
      "https://linkedin.com/in/renamed-1": CandidateProfile(name: "Erased Person")
    ])
    let service = CandidateAddService(
      database: database, enricher: enricher, clock: clock, cacheDays: 30, creditsPerDay: 1000,
      prices: .published,
      suppression: ComplianceSuppressionCheck(pseudonymizer: context.pseudonymizer).adminCheck(
        clock: clock), logger: Logger(label: "test", sink: Logger.MemorySink()))
    await #expect(throws: CandidateAddService.suppressedFailure) {
      try await service.add(
        .init(
          profileURL: "https://www.linkedin.com/in/renamed-1", providerID: nil, vacancyID: nil,
          aiSourced: false),
        by: AuthenticatedUser(id: "u-bob", role: .recruiter))
    }
    let row = try await database.read { connection in
      try connection.queryOne("SELECT id, provider_id, name FROM candidates")
    }
    #expect(row == nil)
  }
}

/// A compliance database in a temporary directory with its configuration (a test pepper), a manual
/// clock and the compliance context: what the erasure tests share.
private struct ErasureFixture {
  let directory: TemporaryDirectory
  let configuration: Configuration
  let database: Database
  let clock: ManualClock
  let context: ComplianceContext

  init(now: Date) async throws {
    directory = try TemporaryDirectory()
    configuration = Configuration(
      database: directory.path + "/t.db", pepper: Configuration.Secret("a-review-probe-pepper-123"))
    database = try await ComplianceContext.openDatabase(configuration)
    clock = ManualClock(now)
    context = ComplianceContext(database: database, configuration: configuration, clock: clock)
  }

  /// Registers a person we hold and returns their candidate id.
  func hold(providerID: String, profileURL: String) async throws -> Int64 {
    try await database.write { connection in
      try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: providerID, profileURL: profileURL, now: Date(),
        in: connection)
    }
  }

  /// Erases candidate `id` on request.
  func erase(_ id: Int64) async throws {
    _ = try await ErasureService(context: context).erase(
      candidateID: id, actor: "u-ann", reason: "request")
  }

  /// Closes the database and deletes the directory.
  func remove() {
    database.close()
    directory.remove()
  }
}
