import Domain
import Foundation
import Notify
import Testing

@testable import Storage

/// The outbox in a real SQLite file: digest coalescing, the feed and its read marks, claims.
@Suite("outbox store")
struct OutboxStoreTests {
  @Test("changes to one candidate within the digest window coalesce into one held digest")
  func digestCoalescing() throws {
    let fixture = try OutboxFixture()
    try fixture.register([OutboxChannel(id: "ch_hook", userID: "u_anna", kind: "webhook")])
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let first = try fixture.enqueueJobChange(now: start, digest: true)
    // The first one is claimed (sent); the next two within the window wait in one digest.
    let claimed = try fixture.database.writeSync {
      try OutboxStore.claimDue(now: start, lease: 60, limit: 10, in: $0)
    }
    #expect(claimed.map(\.notificationID) == [first])
    let second = try fixture.enqueueJobChange(
      now: start.addingTimeInterval(60), summary: "second", digest: true)
    let third = try fixture.enqueueJobChange(
      now: start.addingTimeInterval(120), summary: "third", digest: true)
    #expect(second != first)
    #expect(third == second)
    let digest = try #require(try fixture.notification(second))
    #expect(digest.sendAt == start.addingTimeInterval(600))
    #expect(digest.summary == "2 changes; latest: third")
    let data = try NotificationData.decoder().decode(
      NotificationData.self, from: Data(digest.data.utf8))
    #expect(data.eventCount == 2)
    // Not due before the window ends (the first one's lease has run out, so it is due again).
    let early = try fixture.database.writeSync {
      try OutboxStore.claimDue(now: start.addingTimeInterval(599), lease: 60, limit: 10, in: $0)
    }
    #expect(early.map(\.notificationID) == [first])
    let due = try fixture.database.writeSync {
      try OutboxStore.claimDue(now: start.addingTimeInterval(600), lease: 60, limit: 10, in: $0)
    }
    #expect(due.map(\.notificationID) == [second])
  }

  @Test("a feed-only recipient sees notifications at once and can mark them read")
  func feedAndReadMarks() throws {
    let fixture = try OutboxFixture()
    let id = try fixture.enqueueJobChange(recipient: "u_ben")
    #expect(try fixture.notification(id)?.status == .delivered)
    let feed = try fixture.feed("u_ben")
    #expect(feed.map(\.id) == [id])
    #expect(feed.first?.readAt == nil)
    let marked = try fixture.database.writeSync {
      try OutboxStore.markRead(id: id, recipient: "u_ben", at: Date(), in: $0)
    }
    #expect(marked)
    let foreign = try fixture.database.writeSync {
      try OutboxStore.markRead(id: id, recipient: "u_anna", at: Date(), in: $0)
    }
    #expect(!foreign)
    #expect(try fixture.feed("u_ben").first?.readAt != nil)
    #expect(try fixture.feed("u_anna").isEmpty)
  }

  @Test("a claimed delivery that is never recorded is due again after its lease: at-least-once")
  func leaseExpiry() throws {
    let fixture = try OutboxFixture()
    try fixture.register([OutboxChannel(id: "ch_hook", userID: "u_anna", kind: "webhook")])
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let id = try fixture.enqueueJobChange(now: now)
    let claim = { (at: Date) in
      try fixture.database.writeSync {
        try OutboxStore.claimDue(now: at, lease: 60, limit: 10, in: $0)
      }
    }
    #expect(try claim(now).map(\.notificationID) == [id])
    #expect(try claim(now.addingTimeInterval(30)).isEmpty)
    #expect(try claim(now.addingTimeInterval(61)).map(\.notificationID) == [id])
  }

  @Test("deleting a candidate (erasure) deletes its notifications, deliveries and attempts")
  func erasureCascades() throws {
    let fixture = try OutboxFixture()
    let id = try fixture.enqueueJobChange()
    try fixture.database.writeSync { connection in
      try connection.run("DELETE FROM candidates WHERE id = ?", [.integer(fixture.candidateID)])
    }
    #expect(try fixture.notification(id) == nil)
  }

  @Test(
    "a candidate's pipeline audiences name the entry owner and the vacancy owner per open vacancy")
  func pipelineAudiences() throws {
    let fixture = try OutboxFixture()
    let candidate = fixture.candidateID
    let audiences = try fixture.database.writeSync { connection in
      try connection.run(
        """
        INSERT INTO vacancies (id, title, criteria, owner_user_id, is_open, created_at, updated_at)
        VALUES (7, 'Staff engineer', '{}', 'u_ben', 1, 0, 0), (8, 'Closed', '{}', 'u_ben', 0, 0, 0)
        """)
      try connection.run(
        """
        INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id,
          confirmed_at, stage_changed_by_user_id, stage_changed_at, last_activity_at)
        VALUES (?, 7, 'screen', 'u_anna', 'u_anna', 0, 'u_anna', 0, 0),
          (?, 8, 'screen', 'u_anna', 'u_anna', 0, 'u_anna', 0, 0)
        """, [.integer(candidate), .integer(candidate)])
      return try OutboxStore.pipelineAudiences(candidateID: candidate, in: connection)
    }
    #expect(audiences.map(\.vacancyID) == [7])
    #expect(audiences.first?.audience.recipients == ["u_anna", "u_ben"])
  }

  @Test(
    "a new notification gets one delivery per enabled channel; feed-only ones are delivered once due"
  )
  func statusAndDeliveries() throws {
    let fixture = try OutboxFixture()
    try fixture.register([
      OutboxChannel(id: "ch_hook", userID: "u_anna", kind: "webhook"),
      OutboxChannel(id: "ch_slack", userID: "u_anna", kind: "slack"),
      OutboxChannel(id: "ch_old", userID: "u_anna", kind: "webhook"),
      OutboxChannel(id: "ch_gone", userID: "u_carl", kind: "webhook"),
    ])
    try fixture.database.writeSync { connection in
      try connection.run(
        "UPDATE notification_channels SET disabled_at = 1 WHERE id IN ('ch_old', 'ch_gone')")
    }
    let deliveries = { (id: String) in
      try fixture.database.readSync { connection in
        try connection.query(
          "SELECT channel_id FROM notification_deliveries WHERE notification_id = ? ORDER BY channel_id",
          [.text(id)]
        ).compactMap { $0.text(0) }
      }
    }
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let anna = try fixture.enqueueJobChange(recipient: "u_anna", now: start)
    #expect(try deliveries(anna) == ["ch_hook", "ch_slack"])
    #expect(try fixture.notification(anna)?.status == .pending)
    // Only a disabled channel, or none: feed-only, delivered at once.
    for recipient in ["u_carl", "u_ben"] {
      let id = try fixture.enqueueJobChange(recipient: recipient, now: start)
      #expect(try deliveries(id).isEmpty)
      #expect(try fixture.notification(id)?.status == .delivered)
    }
    // A feed-only digest held for the window waits as pending, and is delivered once due.
    _ = try fixture.enqueueJobChange(recipient: "u_ben", now: start, digest: true)
    let held = try fixture.enqueueJobChange(
      recipient: "u_ben", now: start.addingTimeInterval(60), summary: "later", digest: true)
    #expect(try fixture.notification(held)?.status == .pending)
    #expect(try fixture.notification(held)?.sendAt == start.addingTimeInterval(600))
    #expect(try deliveries(held).isEmpty)
    _ = try fixture.database.writeSync {
      try OutboxStore.claimDue(now: start.addingTimeInterval(600), lease: 60, limit: 10, in: $0)
    }
    #expect(try fixture.notification(held)?.status == .delivered)
  }

  /// The states of notification `id`'s deliveries, by channel.
  private func deliveryStates(_ id: String, _ fixture: OutboxFixture) throws -> [String: String] {
    try fixture.database.readSync { connection in
      var states: [String: String] = [:]
      for row in try connection.query(
        "SELECT channel_id, state FROM notification_deliveries WHERE notification_id = ?",
        [.text(id)])
      {
        states[row.text(0) ?? ""] = row.text(1) ?? ""
      }
      return states
    }
  }

  @Test("a notification one channel already received takes no later change into its digest")
  func partlyDeliveredIsSent() throws {
    let fixture = try OutboxFixture()
    try fixture.register([
      OutboxChannel(id: "ch_a", userID: "u_anna", kind: "webhook"),
      OutboxChannel(id: "ch_b", userID: "u_anna", kind: "webhook"),
    ])
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let first = try fixture.enqueueJobChange(now: start, digest: true)
    // One of its two deliveries is claimed and delivered; the other still waits.
    try fixture.database.writeSync { connection in
      let claimed = try OutboxStore.claimDue(now: start, lease: 60, limit: 1, in: connection)
      #expect(claimed.count == 1)
      try OutboxStore.record(
        OutboxAttempt(
          deliveryID: claimed[0].id, attemptedAt: start, statusCode: 200, latencyMilliseconds: 5,
          error: nil, decision: .delivered), in: connection)
    }
    #expect(try fixture.notification(first)?.status == .pending)
    let second = try fixture.enqueueJobChange(
      now: start.addingTimeInterval(60), summary: "second", digest: true)
    #expect(second != first, "a change was folded into a notification a channel already has")
    #expect(try fixture.notification(first)?.summary != "2 changes; latest: second")
  }

  @Test("removing a channel (from the configuration or through the API) closes its open deliveries")
  func removedChannelsCloseDeliveries() throws {
    let fixture = try OutboxFixture()
    let configured = [
      OutboxChannel(id: "ch_a", userID: "u_anna", kind: "webhook"),
      OutboxChannel(id: "ch_b", userID: "u_anna", kind: "webhook"),
    ]
    try fixture.register(configured)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    try fixture.database.writeSync { connection in
      try OutboxStore.addAPIChannel(
        OutboxStore.APIChannel(
          id: "ch_api", userID: "u_anna", kind: "webhook", target: "https://hooks.example/x",
          secrets: []), now: now, in: connection)
    }
    let id = try fixture.enqueueJobChange(now: now)
    #expect(
      try deliveryStates(id, fixture) == [
        "ch_a": "pending", "ch_b": "pending", "ch_api": "pending",
      ])

    // ch_b is no longer configured: disabled at the next start, its delivery closed.
    try fixture.register([configured[0]])
    #expect(try fixture.isDisabled("ch_b") == true)
    #expect(try fixture.isDisabled("ch_api") == false, "an API channel is not the configuration's")
    // The owner removes the API channel.
    let removed = try fixture.database.writeSync {
      try OutboxStore.removeAPIChannel(id: "ch_api", userID: "u_anna", now: now, in: $0)
    }
    #expect(removed)
    #expect(
      try deliveryStates(id, fixture) == ["ch_a": "pending", "ch_b": "dead", "ch_api": "dead"])
    #expect(try fixture.notification(id)?.status == .pending)
    // Configured again, ch_b is enabled again for what comes next.
    try fixture.register(configured)
    #expect(try fixture.isDisabled("ch_b") == false)
    let next = try fixture.enqueueJobChange(now: now.addingTimeInterval(1))
    #expect(try deliveryStates(next, fixture) == ["ch_a": "pending", "ch_b": "pending"])
  }

  @Test("ids are ntf_ and 26 base-32 characters, all different")
  func identifiers() {
    let ids = (0..<2_000).map { _ in OutboxStore.newID() }
    #expect(Set(ids).count == ids.count)
    let alphabet = Set("abcdefghijklmnopqrstuvwxyz234567")
    for id in ids {
      #expect(id.hasPrefix("ntf_") && id.count == 30)
      #expect(id.dropFirst(4).allSatisfy { alphabet.contains($0) })
    }
  }

  @Test("a digest merge stores exactly what JSONEncoder makes of the merged data")
  func mergedDataBytes() throws {
    let fixture = try OutboxFixture()
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    _ = try fixture.enqueueJobChange(recipient: "u_ben", now: start, digest: true)
    let held = try fixture.enqueueJobChange(
      recipient: "u_ben", now: start.addingTimeInterval(60), summary: "second \"quoted\"",
      digest: true)
    let merged = try fixture.enqueueJobChange(
      recipient: "u_ben", now: start.addingTimeInterval(120.5), summary: "third\ttab",
      digest: true)
    #expect(merged == held)
    let stored = try #require(try fixture.notification(held)).data
    let data = try NotificationData.decoder().decode(NotificationData.self, from: Data(stored.utf8))
    #expect(data.eventCount == 2)
    #expect(data.summary == "2 changes; latest: third\ttab")
    #expect(data.observedAt == start.addingTimeInterval(120.5))
    #expect(stored == String(decoding: try NotificationData.encoder().encode(data), as: UTF8.self))
  }

  @Test(
    "inside a caller's transaction, a notification whose deliveries fail is undone, nothing else")
  func failedDeliveriesUndoTheNotification() throws {
    let fixture = try OutboxFixture()
    try fixture.register([OutboxChannel(id: "ch_hook", userID: "u_anna", kind: "webhook")])
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let draft = NotificationDraft(
      recipient: "u_anna", kind: .jobChanged, candidateID: fixture.candidateID, vacancyID: nil,
      data: NotificationData(
        recruiter: "u_anna", candidateID: fixture.candidateID, vacancyID: nil, summary: "s",
        changes: [], score: nil, observedAt: start, eventTypes: ["candidate.job_changed"]),
      digestKey: nil, digestWindow: 600, createdAt: start)
    let kept = try fixture.database.writeSync { connection in
      try connection.transaction {
        let kept = try OutboxStore.enqueue(draft, in: connection)
        try connection.run(
          """
          CREATE TEMP TRIGGER refuse_deliveries BEFORE INSERT ON main.notification_deliveries
          BEGIN SELECT RAISE(ABORT, 'refused'); END
          """)
        #expect(throws: StorageError.self) { try OutboxStore.enqueue(draft, in: connection) }
        try connection.run("DROP TRIGGER temp.refuse_deliveries")
        return kept
      }
    }
    let all = try fixture.database.readSync { try OutboxStore.list(in: $0) }
    #expect(all.map(\.id) == [kept])
  }
}
