import Domain
import Foundation
import Storage
import Testing

/// A migrated database in a temporary directory, passed to `body` as a writer connection.
private func withCandidateDatabase(_ body: (Connection) throws -> Void) throws {
  try withTemporaryDirectory { directory in
    let connection = try Connection(path: directory + "/candidates.db")
    _ = try Migrator(Schema.migrations).migrate(connection)
    try body(connection)
  }
}

private let start = Date(timeIntervalSince1970: 1_796_000_000)

private func enrichment(
  url: String = "https://www.linkedin.com/in/Ada-L", providerID: String? = "4815162342",
  title: String = "Engineer", fetchedAt: Date = start, updatedAt: Date? = nil,
  photo: String? = "https://media.example.com/ada.jpg"
) -> CandidateEnrichment {
  CandidateEnrichment(
    provider: "crustdata", providerID: providerID, profileURL: url,
    profile: CandidateProfile(name: "Ada Lovelace", currentTitle: title, currentCompany: "Acme"),
    sensitiveFields: photo.map { ["photo_url": $0] } ?? [:], rawPayload: Array(#"{"a":1}"#.utf8),
    fetchedAt: fetchedAt, providerUpdatedAt: updatedAt)
}

@Suite("Candidate store")
struct CandidateStoreTests {
  @Test("an enrichment creates the record with mapped columns, raw payload and verified time")
  func upsertCreates() throws {
    try withCandidateDatabase { connection in
      let updated = start.addingTimeInterval(-86_400)
      let id = try CandidateStore.upsert(enrichment(updatedAt: updated), in: connection)
      let record = try #require(try CandidateStore.record(id: id, in: connection))
      #expect(record.profileURL == "https://linkedin.com/in/ada-l")
      #expect(record.providerID == "4815162342")
      #expect(record.profile?.currentTitle == "Engineer")
      #expect(record.rawPayload == Array(#"{"a":1}"#.utf8))
      #expect(record.lastVerifiedAt == updated)
      #expect(record.enrichedAt == start)
      #expect(record.photoURL == nil)
      #expect(record.confirmedAt == nil)
      let title = try connection.queryOne("SELECT current_title FROM candidates WHERE id = ?", [.integer(id)])
      #expect(title?.text(0) == "Engineer")
    }
  }

  @Test("without the provider's freshness time, last_verified_at is the fetch time")
  func verifiedFallsBackToFetchTime() throws {
    try withCandidateDatabase { connection in
      let id = try CandidateStore.upsert(enrichment(updatedAt: nil), in: connection)
      #expect(try CandidateStore.record(id: id, in: connection)?.lastVerifiedAt == start)
    }
  }

  @Test("the same person by provider id or by another spelling of the URL is one record")
  func uniqueIdentity() throws {
    try withCandidateDatabase { connection in
      let first = try CandidateStore.upsert(enrichment(), in: connection)
      let byURL = try CandidateStore.upsert(
        enrichment(url: "http://nl.linkedin.com/in/ada-l/?trk=x", providerID: nil), in: connection)
      let byID = try CandidateStore.upsert(
        enrichment(url: "https://linkedin.com/in/someone-else", providerID: "4815162342"),
        in: connection)
      #expect(byURL == first)
      #expect(byID == first)
      #expect(try connection.queryOne("SELECT COUNT(*) FROM candidates")?.int(0) == 1)
      #expect(throws: StorageError.self) {
        try connection.run(
          "INSERT INTO candidates (provider, provider_id, profile_url, created_at) VALUES (?, ?, ?, 0)",
          ["crustdata", "other", "https://linkedin.com/in/ada-l"])
      }
    }
  }

  @Test("a second enrichment never resets sourced_at or the confirmation")
  func retentionClocksUntouched() throws {
    try withCandidateDatabase { connection in
      let confirmation = CandidateConfirmation(userID: "u_anna", at: start, aiSourced: true)
      let id = try CandidateStore.upsert(enrichment(), confirmation: confirmation, in: connection)
      let later = start.addingTimeInterval(40 * 86_400)
      let again = CandidateConfirmation(userID: "u_bob", at: later)
      _ = try CandidateStore.upsert(
        enrichment(title: "Staff Engineer", fetchedAt: later), confirmation: again, in: connection)
      _ = try CandidateStore.upsert(enrichment(fetchedAt: later.addingTimeInterval(60)), in: connection)
      let record = try #require(try CandidateStore.record(id: id, in: connection))
      #expect(record.sourcedAt == start)
      #expect(record.confirmedAt == start)
      #expect(record.confirmedByUserID == "u_anna")
      #expect(record.aiSourced)
      #expect(record.source == "talentwatch")
      #expect(record.enrichedAt == later.addingTimeInterval(60))
    }
  }

  @Test("a photo URL waits as pending until a recruiter accepts it")
  func pendingUntilAccepted() throws {
    try withCandidateDatabase { connection in
      let id = try CandidateStore.upsert(enrichment(), in: connection)
      let pending = try PendingFieldStore.fields(candidateID: id, in: connection)
      #expect(pending.map(\.field) == ["photo_url"])
      #expect(pending.first?.isAccepted == false)
      #expect(try CandidateStore.record(id: id, in: connection)?.photoURL == nil)
      #expect(throws: PendingFieldStore.AcceptError.missingActingUser) {
        _ = try PendingFieldStore.accept(
          candidateID: id, field: "photo_url", userID: "", at: start, in: connection)
      }
      let accepted = try PendingFieldStore.accept(
        candidateID: id, field: "photo_url", userID: "u_anna", at: start, in: connection)
      #expect(accepted.acceptedByUserID == "u_anna")
      #expect(
        try CandidateStore.record(id: id, in: connection)?.photoURL
          == "https://media.example.com/ada.jpg")
      #expect(throws: PendingFieldStore.AcceptError.notPending) {
        _ = try PendingFieldStore.accept(
          candidateID: 999, field: "photo_url", userID: "u_anna", at: start, in: connection)
      }
    }
  }

  @Test("contact data is stored apart with who fetched it and when")
  func contactData() throws {
    try withCandidateDatabase { connection in
      let id = try CandidateStore.upsert(enrichment(), in: connection)
      #expect(try ContactDataStore.contactData(candidateID: id, in: connection) == nil)
      let stored = StoredContactData(
        candidateID: id, emails: ["ada@example.com"], phones: ["+31 6 1234 5678"], fetchedAt: start,
        fetchedByUserID: "u_anna")
      try ContactDataStore.save(stored, in: connection)
      #expect(try ContactDataStore.contactData(candidateID: id, in: connection) == stored)
    }
  }

  @Test("the human confirmation sets contacted_at once")
  func contacted() throws {
    try withCandidateDatabase { connection in
      let id = try CandidateStore.upsert(enrichment(), in: connection)
      #expect(try CandidateStore.markContacted(id: id, at: start, in: connection))
      _ = try CandidateStore.markContacted(id: id, at: start.addingTimeInterval(10), in: connection)
      #expect(try CandidateStore.record(id: id, in: connection)?.contactedAt == start)
      #expect(try !CandidateStore.markContacted(id: 999, at: start, in: connection))
    }
  }
}
