import Foundation
import Ingest
import Storage
import Synchronization
import Testing

@Suite("group commit")
struct InboxWriterTests {
  private func delivery(_ id: String, body: String = "{}") -> InboxDelivery {
    InboxDelivery(
      source: "partner", deliveryID: id, scheme: "standard-webhooks", format: "canonical",
      receivedAt: Date(timeIntervalSince1970: 1_800_000_000), signedAt: nil,
      headers: ["webhook-id": id], body: Array(body.utf8))
  }

  /// Appends every delivery from its own thread at once and waits for all completions.
  private func appendConcurrently(_ deliveries: [InboxDelivery], to writer: InboxWriter) async
    -> [Result<InboxAppendOutcome, any Error>]
  {
    let results = Mutex<[Int: Result<InboxAppendOutcome, any Error>]>([:])
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      let remaining = Mutex(deliveries.count)
      DispatchQueue.concurrentPerform(iterations: deliveries.count) { index in
        writer.append(deliveries[index]) { result in
          results.withLock { $0[index] = result }
          let left = remaining.withLock { count in
            count -= 1
            return count
          }
          if left == 0 { done.resume() }
        }
      }
    }
    return results.withLock { dict in (0..<deliveries.count).compactMap { dict[$0] } }
  }

  @Test("the same id posted 20 times at once is stored once, and exactly one append is accepted")
  func concurrentDuplicates() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let writer = InboxWriter(database: temporary.database)
    writer.start()
    defer { writer.stop() }

    let results = await appendConcurrently(
      Array(repeating: delivery("msg_same"), count: 20), to: writer)

    let outcomes = try results.map { try $0.get() }
    let accepted = outcomes.filter { if case .accepted = $0 { true } else { false } }
    #expect(accepted.count == 1)
    #expect(Set(outcomes.map(\.id)).count == 1)
    let rows = try await temporary.database.read { try InboxStore.list(InboxFilter(), in: $0) }
    #expect(rows.count == 1)
  }

  @Test("concurrent distinct deliveries share transactions and are all stored byte-exact")
  func concurrentDistinct() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let committed = Mutex(0)
    let writer = InboxWriter(database: temporary.database) { accepted in
      committed.withLock { $0 += accepted }
    }
    writer.start()
    defer { writer.stop() }

    let deliveries = (0..<400).map { delivery("msg_\($0)", body: "{\"n\": \($0)}\n") }
    let results = await appendConcurrently(deliveries, to: writer)

    #expect(try results.allSatisfy { if case .accepted = try $0.get() { true } else { false } })
    #expect(committed.withLock { $0 } == 400)
    let statistics = writer.statistics
    #expect(statistics.batches < 400, "some transactions must have held more than one delivery")
    let stored = try await temporary.database.read { connection in
      try InboxStore.find(id: try results[7].get().id, in: connection)
    }
    #expect(stored?.body == Array("{\"n\": 7}\n".utf8))
  }

  @Test(
    "one transaction mixing new deliveries and duplicates answers each with the stored row's id")
  func mixedBatch() throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let first = try temporary.database.writeSync { connection in
      try connection.transaction {
        try InboxStore.append(
          ["a", "a", "b", "c", "b", "a"].map { delivery("msg_\($0)") }, in: connection)
      }
    }
    #expect(
      first == [
        .accepted(id: 1), .duplicate(id: 1), .accepted(id: 2), .accepted(id: 3),
        .duplicate(id: 2), .duplicate(id: 1),
      ])
    let second = try temporary.database.writeSync { connection in
      try connection.transaction {
        try InboxStore.append([delivery("msg_c"), delivery("msg_d")], in: connection)
      }
    }
    #expect(second == [.duplicate(id: 3), .accepted(id: 4)])
  }

  @Test("a failed commit fails every append of its batch, and nothing of it is stored")
  func failedCommitFailsTheBatch() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    // A trigger that refuses one delivery makes the whole transaction holding it fail.
    try await temporary.database.write { connection in
      try connection.execute(
        """
        CREATE TRIGGER refuse_poison BEFORE INSERT ON inbox WHEN NEW.delivery_id = 'msg_poison'
        BEGIN SELECT RAISE(ABORT, 'refused'); END
        """)
    }
    let writer = InboxWriter(database: temporary.database, maximumBatch: 512)
    writer.start()
    defer { writer.stop() }
    let results = await appendConcurrently(
      [delivery("msg_poison")] + (0..<30).map { delivery("msg_\($0)") }, to: writer)
    let failed = results.filter { if case .failure = $0 { true } else { false } }.count
    let stored = try await temporary.database.read { try InboxStore.list(InboxFilter(), in: $0) }
    // Whatever shared the poisoned delivery's transaction failed with it; everything else is stored,
    // and every append was answered one way or the other.
    #expect(failed >= 1)
    #expect(failed + stored.count == 31)
    #expect(!stored.contains { $0.deliveryID == "msg_poison" })
    #expect(results.count == 31)
  }

  @Test("a trickle of deliveries is not a burst; a burst of them is")
  func burstDetection() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let writer = InboxWriter(database: temporary.database)
    writer.start()
    defer { writer.stop() }
    _ = await appendConcurrently([delivery("msg_first")], to: writer)
    #expect(!writer.isBusy, "one delivery made the processor yield")
    let burst = (0..<(InboxWriter.burstAppendsPer100Milliseconds * 2)).map { delivery("msg_\($0)") }
    for item in burst { writer.append(item) { _ in } }
    #expect(writer.isBusy)
  }

  @Test("a stopped writer refuses new appends instead of losing them silently")
  func stoppedWriterRefuses() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let writer = InboxWriter(database: temporary.database)
    writer.start()
    writer.stop()
    let results = await appendConcurrently([delivery("late")], to: writer)
    #expect(throws: InboxWriter.StoppedError.self) { try results[0].get() }
    let rows = try await temporary.database.read { try InboxStore.list(InboxFilter(), in: $0) }
    #expect(rows.isEmpty)
  }
}
