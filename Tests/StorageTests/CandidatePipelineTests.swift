import Domain
import Foundation
import Storage
import Testing

private let start = Date(timeIntervalSince1970: 1_796_000_000)

/// A migrated database with one candidate and one vacancy; passes the connection and both ids.
private func withPipelineDatabase(_ body: (Connection, Int64, Int64) throws -> Void) throws {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/pipeline.db")
    _ = try Migrator(Schema.migrations).migrate(connection)
    let candidate = try CandidateIdentityStore.ensure(
      provider: "crustdata", providerID: "1", profileURL: "https://linkedin.com/in/a", now: start,
      in: connection)
    let vacancy = try VacancyStore.create(
      title: "Backend Engineer",
      criteria: VacancyCriteria(titles: ["Backend Engineer"], requiredSkills: ["Go"]),
      ownerUserID: "u_anna", at: start, in: connection)
    try body(connection, candidate, vacancy.id)
  }
}

@Suite("Pipeline, vacancy and credit ledger stores")
struct CandidatePipelineTests {
  @Test("a stage change without an acting user is refused by the store and by the schema")
  func stageChangeNeedsUser() throws {
    try withPipelineDatabase { connection, candidate, vacancy in
      let entry = try PipelineStore.confirm(
        candidateID: candidate, vacancyID: vacancy, actingUserID: "u_anna", at: start, in: connection)
      #expect(throws: PipelineStoreError.missingActingUser) {
        _ = try PipelineStore.changeStage(
          entryID: entry.id, to: "rejected", actingUserID: nil, at: start, in: connection)
      }
      #expect(throws: PipelineStoreError.missingActingUser) {
        _ = try PipelineStore.changeStage(
          entryID: entry.id, to: "rejected", actingUserID: "", at: start, in: connection)
      }
      #expect(throws: StorageError.self) {
        try connection.run(
          """
          INSERT INTO pipeline_stage_changes (pipeline_entry_id, to_stage, changed_by_user_id, changed_at)
          VALUES (?, 'rejected', '', 0)
          """, [.integer(entry.id)])
      }
      #expect(try PipelineStore.entry(id: entry.id, in: connection)?.stage == "sourced")
      #expect(try PipelineStore.stageChangeCount(entryID: entry.id, in: connection) == 1)
    }
  }

  @Test("a human's stage change is recorded with the reason and moves last_activity_at")
  func stageChange() throws {
    try withPipelineDatabase { connection, candidate, vacancy in
      let entry = try PipelineStore.confirm(
        candidateID: candidate, vacancyID: vacancy, actingUserID: "u_anna", at: start, in: connection)
      #expect(entry.stage == "sourced")
      let later = start.addingTimeInterval(3600)
      let moved = try PipelineStore.changeStage(
        entryID: entry.id, to: "contacted", actingUserID: "u_bob", reason: "replied", at: later,
        in: connection)
      #expect(moved.stage == "contacted")
      #expect(moved.stageChangedByUserID == "u_bob")
      #expect(try PipelineStore.entry(id: entry.id, in: connection)?.lastActivityAt == later)
      let change = try connection.queryOne(
        "SELECT from_stage, reason FROM pipeline_stage_changes ORDER BY id DESC LIMIT 1")
      #expect(change?.text(0) == "sourced")
      #expect(change?.text(1) == "replied")
      #expect(throws: PipelineStoreError.alreadyInPipeline(entryID: entry.id)) {
        _ = try PipelineStore.confirm(
          candidateID: candidate, vacancyID: vacancy, actingUserID: "u_anna", at: start,
          in: connection)
      }
      #expect(throws: PipelineStoreError.entryNotFound) {
        _ = try PipelineStore.changeStage(
          entryID: 999, to: "contacted", actingUserID: "u_bob", at: later, in: connection)
      }
    }
  }

  @Test("vacancy criteria round-trip as JSON and a criteria change bumps the version")
  func vacancies() throws {
    try withPipelineDatabase { connection, _, vacancy in
      let stored = try #require(try VacancyStore.vacancy(id: vacancy, in: connection))
      #expect(stored.criteria.requiredSkills == ["Go"])
      #expect(stored.isOpen && stored.aiScoring)
      let criteria = VacancyCriteria(titles: ["Engineer"], seniority: .senior ... .lead)
      let updated = try #require(
        try VacancyStore.update(
          id: vacancy, VacancyChanges(criteria: criteria, isOpen: false, aiScoring: false),
          at: start.addingTimeInterval(60), in: connection))
      #expect(updated.criteriaVersion == 2)
      let reread = try #require(try VacancyStore.vacancy(id: vacancy, in: connection))
      #expect(reread == updated)
      #expect(reread.criteria.seniority == .senior ... .lead)
      #expect(try VacancyStore.list(ownerUserID: "u_bob", in: connection).isEmpty)
      #expect(try VacancyStore.list(ownerUserID: "u_anna", in: connection).count == 1)
      #expect(try VacancyStore.update(id: 999, VacancyChanges(), at: start, in: connection) == nil)
    }
  }

  @Test("the credit ledger sums per UTC day")
  func ledger() throws {
    try withPipelineDatabase { connection, candidate, _ in
      let day = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01T00:00:00Z
      try CreditLedgerStore.append(
        CreditLedgerEntry(
          at: day.addingTimeInterval(-1), operation: "enrich", credits: 1, candidateIDs: [],
          purpose: "add", profiles: 1), in: connection)
      try CreditLedgerStore.append(
        CreditLedgerEntry(
          at: day, operation: "enrich", credits: 2, candidateIDs: [candidate], purpose: "refresh",
          profiles: 2), in: connection)
      try CreditLedgerStore.append(
        CreditLedgerEntry(
          at: day.addingTimeInterval(86_399), operation: "contact", credits: 3,
          candidateIDs: [candidate], purpose: "contact", profiles: 1), in: connection)
      #expect(CreditLedgerStore.day(of: day) == "2026-12-01")
      #expect(try CreditLedgerStore.total(onDayOf: day, in: connection) == 5)
      #expect(try CreditLedgerStore.total(onDayOf: day.addingTimeInterval(-1), in: connection) == 1)
      let entries = try CreditLedgerStore.entries(in: connection)
      #expect(entries.count == 3)
      #expect(entries[1].candidateIDs == [candidate])
    }
  }
}
