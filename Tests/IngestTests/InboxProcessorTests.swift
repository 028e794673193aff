import Domain
import Foundation
import Ingest
import Storage
import Testing

@Suite("turning stored deliveries into signals")
struct InboxProcessorTests {
  private let received = Date(timeIntervalSince1970: 1_800_000_000)

  private func store(
    _ body: [UInt8], id: String, format: String = "canonical", in temporary: TemporaryDatabase
  ) async throws -> Int64 {
    let delivery = InboxDelivery(
      source: "partner", deliveryID: id, scheme: "standard-webhooks", format: format,
      receivedAt: received, signedAt: received, headers: [:], body: body)
    return try await temporary.database.write { connection in
      try connection.transaction { try InboxStore.append([delivery], in: connection)[0].id }
    }
  }

  private func holdCandidate(_ providerID: String, in temporary: TemporaryDatabase) async throws
    -> Int64
  {
    try await temporary.database.write { connection in
      try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: providerID, profileURL: nil, now: received,
        in: connection)
    }
  }

  private func entry(_ id: Int64, in temporary: TemporaryDatabase) async throws -> InboxEntry? {
    try await temporary.database.read { try InboxStore.find(id: id, in: $0) }
  }

  @Test("a delivery about a candidate we hold becomes a signal with the provider's detection time")
  func heldCandidate() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let candidate = try await holdCandidate("4815162342", in: temporary)
    let id = try await store(
      jobChangedBody(personID: "4815162342", detectedAt: "2026-11-28T06:00:00Z"), id: "a",
      in: temporary)
    let processor = InboxProcessor(database: temporary.database, clock: ManualClock(received))

    #expect(try await processor.drain() == 1)

    #expect(try await entry(id, in: temporary)?.status == .processed)
    let signals = try await temporary.database.read { try InboxStore.signals(inboxID: id, in: $0) }
    #expect(signals.count == 1)
    #expect(signals.first?.candidateID == candidate)
    #expect(signals.first?.signal.kind == .jobChanged)
    #expect(signals.first?.signal.current?.company == "Globex")
    #expect(
      signals.first?.signal.detectedAt == ISO8601DateFormatter().date(from: "2026-11-28T06:00:00Z"))
  }

  @Test("re-processing a delivery never creates a second signal")
  func idempotentReprocessing() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    _ = try await holdCandidate("7", in: temporary)
    let id = try await store(jobChangedBody(personID: "7"), id: "b", in: temporary)
    let processor = InboxProcessor(database: temporary.database, clock: ManualClock(received))
    try await processor.drain()
    try await processor.reprocess(ids: [id])
    try await processor.reprocess(ids: [id])
    let signals = try await temporary.database.read { try InboxStore.signals(inboxID: id, in: $0) }
    #expect(signals.count == 1)
    #expect(try await entry(id, in: temporary)?.attempts == 3)
    #expect(try await entry(id, in: temporary)?.signalCount == 1)
  }

  @Test("a delivery about nobody we hold is ignored, and its body is deleted after the window")
  func ignoredDelivery() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let clock = ManualClock(received)
    let id = try await store(jobChangedBody(personID: "999"), id: "c", in: temporary)
    let processor = InboxProcessor(
      database: temporary.database, clock: clock, ignoredBodyRetention: 3600)
    try await processor.drain()
    let ignored = try await entry(id, in: temporary)
    #expect(ignored?.status == .ignored)
    #expect(ignored?.ignoredCount == 1)
    #expect(ignored?.body != nil)

    let early = try await temporary.database.write {
      try InboxStore.purgeExpiredBodies(now: clock.now().addingTimeInterval(3599), in: $0)
    }
    #expect(early == 0)
    let due = try await temporary.database.write {
      try InboxStore.purgeExpiredBodies(now: clock.now().addingTimeInterval(3600), in: $0)
    }
    #expect(due == 1)
    #expect(try await entry(id, in: temporary)?.body == nil)
    #expect(try await entry(id, in: temporary)?.status == .ignored, "the row and its status stay")
  }

  @Test(
    "a run naming people we hold and people we do not keeps its body only for the ignored window")
  func mixedRunBodyWindow() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let clock = ManualClock(received)
    _ = try await holdCandidate("4815162343", in: temporary)
    let body = try Array(
      Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
          .appendingPathComponent("../../fixtures/webhooks/crustdata-watch/run-seven-people.body")
          .standardizedFileURL))
    let id = try await store(body, id: "mixed", format: "crustdata-watch", in: temporary)
    let processor = InboxProcessor(
      database: temporary.database, clock: clock, ignoredBodyRetention: 3600)
    try await processor.drain()
    let processed = try await entry(id, in: temporary)
    #expect(processed?.status == .processed)
    #expect(processed?.signalCount == 2)
    #expect(processed?.ignoredCount == 6)
    #expect(processed?.body != nil)
    let due = try await temporary.database.write {
      try InboxStore.purgeExpiredBodies(now: clock.now().addingTimeInterval(3600), in: $0)
    }
    #expect(due == 1)
    #expect(try await entry(id, in: temporary)?.body == nil)
    let signals = try await temporary.database.read { try InboxStore.signals(inboxID: id, in: $0) }
    #expect(signals.count == 2, "the signals about our own candidate stay")
  }

  @Test(
    "unreadable deliveries are quarantined with a reason, never dropped",
    arguments: [
      ("not json", "not JSON"),
      ("{\"type\":\"person.job_changed\",\"data\":{\"person\":[]}}", "data.person"),
      (String(repeating: "[", count: 5000), "nesting"),
    ])
  func quarantine(body: String, reasonFragment: String) async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    let id = try await store(Array(body.utf8), id: "q", in: temporary)
    try await InboxProcessor(database: temporary.database, clock: ManualClock(received)).drain()
    let quarantined = try await entry(id, in: temporary)
    #expect(quarantined?.status == .quarantined)
    #expect(
      quarantined?.error?.contains(reasonFragment) == true,
      "reason: \(quarantined?.error ?? "none")")
    #expect(quarantined?.body == Array(body.utf8), "the body is kept for re-processing")
  }

  @Test("a quarantined delivery is re-processed into signals once its adapter exists")
  func reprocessAfterAdapterFix() async throws {
    let temporary = try TemporaryDatabase()
    defer { temporary.cleanUp() }
    _ = try await holdCandidate("11", in: temporary)
    let id = try await store(
      jobChangedBody(personID: "11"), id: "d", format: "canonical", in: temporary)
    let before = InboxProcessor(
      database: temporary.database, clock: ManualClock(received), adapters: { _ in nil })
    try await before.drain()
    #expect(try await entry(id, in: temporary)?.status == .quarantined)

    let after = InboxProcessor(database: temporary.database, clock: ManualClock(received))
    #expect(try await after.reprocess(ids: [id]) == 1)
    #expect(try await entry(id, in: temporary)?.status == .processed)
    #expect(try await entry(id, in: temporary)?.error == nil)
    #expect(
      try await temporary.database.read { try InboxStore.signals(inboxID: id, in: $0) }.count == 1)
  }
}
