import Domain
import Foundation
import Storage
import Testing

/// The audit log: append-only, hash-chained, prunable with an anchor, and edits are caught.
@Suite("Audit log store")
struct AuditLogStoreTests {
  let start = Date(timeIntervalSince1970: 1_780_000_000)

  func withLog(_ body: (Connection) throws -> Void) throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/audit.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      try body(connection)
    }
  }

  func appendSome(_ count: Int, from: Date, in connection: Connection) throws {
    for index in 0..<count {
      try AuditLogStore.append(
        AuditEvent(
          at: from.addingTimeInterval(Double(index) * 86_400), actor: "user-\(index % 3)",
          action: index % 2 == 0 ? .scoreWritten : .stageChange, subjectKey: "subject-\(index % 4)",
          details: ["index": String(index), "vacancy_id": "7"]), in: connection)
    }
  }

  @Test("appended entries chain from the genesis hash and verify")
  func appendAndVerify() throws {
    try withLog { connection in
      try appendSome(5, from: start, in: connection)
      let entries = try AuditLogStore.entries(in: connection)
      #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
      #expect(entries[0].prevHash == AuditChain.genesisHash)
      for (previous, next) in zip(entries, entries.dropFirst()) {
        #expect(next.prevHash == previous.hash)
      }
      #expect(entries[2].details == #"{"index":"2","vacancy_id":"7"}"#)
      let result = try AuditLogStore.verify(in: connection)
      #expect(
        result
          == AuditVerification(
            checked: 5, failure: nil, head: AuditHead(seq: 5, hash: entries[4].hash)),
        "the head is the newest entry")
      #expect(try AuditLogStore.head(in: connection)?.hash == entries[4].hash)
      #expect(try AuditLogStore.hash(seq: 3, in: connection) == entries[2].hash)
      #expect(try AuditLogStore.prunedThrough(in: connection) == 0)
    }
  }

  @Test("the log refuses updates, and an edit made around the guard is named by verify")
  func editIsCaught() throws {
    try withLog { connection in
      try appendSome(6, from: start, in: connection)
      #expect(throws: StorageError.self) {
        try connection.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
      }
      try connection.execute("DROP TRIGGER audit_log_append_only")
      try connection.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
      let result = try AuditLogStore.verify(in: connection)
      #expect(result.failure?.seq == 3)
      #expect(result.checked == 3)
    }
  }

  @Test("an entry whose time was overwritten with text is named, not a crash")
  func wrongTypeIsCaught() throws {
    try withLog { connection in
      try appendSome(4, from: start, in: connection)
      try connection.execute("DROP TRIGGER audit_log_append_only")
      try connection.run("UPDATE audit_log SET at = 'yesterday' WHERE seq = 2")
      let result = try AuditLogStore.verify(in: connection)
      #expect(result.failure?.seq == 2)
    }
  }

  @Test("a deleted entry in the middle is named")
  func deletionIsCaught() throws {
    try withLog { connection in
      try appendSome(6, from: start, in: connection)
      try connection.run("DELETE FROM audit_log WHERE seq = 4")
      #expect(try AuditLogStore.verify(in: connection).failure?.seq == 5)
    }
  }

  @Test("pruning old entries writes an anchor with the pruned head, and the chain still verifies")
  func pruneWritesAnchor() throws {
    try withLog { connection in
      try appendSome(10, from: start, in: connection)
      let cutoff = start.addingTimeInterval(4.5 * 86_400)
      let pruned = try AuditLogStore.prune(
        olderThan: cutoff, now: start.addingTimeInterval(20 * 86_400), actor: "system:retention",
        in: connection)
      #expect(pruned == 5)
      let entries = try AuditLogStore.entries(in: connection)
      #expect(entries.first?.seq == 6)
      let anchor = try #require(entries.last)
      #expect(anchor.action == .anchor)
      #expect(anchor.detailValues["pruned_through_seq"] == "5")
      #expect(anchor.detailValues["pruned_head_hash"] == entries.first?.prevHash)
      #expect(try AuditLogStore.verify(in: connection).isIntact)
      #expect(try AuditLogStore.prunedThrough(in: connection) == 5)

      // A second prune that removes the first anchor leaves a new one that carries the chain.
      try AuditLogStore.prune(
        olderThan: start.addingTimeInterval(30 * 86_400),
        now: start.addingTimeInterval(40 * 86_400),
        actor: "system:retention", in: connection)
      #expect(try AuditLogStore.count(in: connection) == 1)
      #expect(try AuditLogStore.verify(in: connection).isIntact)
    }
  }

  @Test("removing the oldest entries without an anchor is named")
  func truncationWithoutAnchorIsCaught() throws {
    try withLog { connection in
      try appendSome(5, from: start, in: connection)
      try connection.run("DELETE FROM audit_log WHERE seq <= 2")
      let result = try AuditLogStore.verify(in: connection)
      #expect(result.failure?.seq == 3)
    }
  }

  @Test("subject keys are keyed hashes that differ by pepper and never contain the id in clear")
  func subjectKeys() {
    let one = Pseudonymizer(pepper: "pepper-one-0123456789")
    let two = Pseudonymizer(pepper: "pepper-two-0123456789")
    let key = one.subjectKey(candidateID: 42, createdAtMilliseconds: 1_780_000_000_000)
    #expect(key.count == 64)
    #expect(key == one.subjectKey(candidateID: 42, createdAtMilliseconds: 1_780_000_000_000))
    #expect(key != two.subjectKey(candidateID: 42, createdAtMilliseconds: 1_780_000_000_000))
    #expect(key != one.subjectKey(candidateID: 42, createdAtMilliseconds: 1_780_000_000_001))
  }
}
