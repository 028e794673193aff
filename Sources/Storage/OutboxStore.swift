public import Domain
public import Foundation
import Signing

/// The notification outbox: notifications, their per-channel deliveries and every attempt. All of its SQL
/// lives here; callers choose the thread and the transaction (producers enqueue inside their own).
public enum OutboxStore {
  /// Registers channels (new ids are added; known ones, disabled or not, are left as they are).
  public static func syncChannels(_ channels: [OutboxChannel], now: Date, in connection: Connection)
    throws
  {
    try connection.transaction {
      for channel in channels {
        // A channel that was taken out of the configuration and is back is enabled again.
        try connection.run(
          """
          INSERT INTO notification_channels (id, user_id, kind, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET disabled_at = NULL, disabled_reason = NULL
          WHERE notification_channels.disabled_reason = ?
          """,
          [
            .text(channel.id), .text(channel.userID), .text(channel.kind), .date(now),
            .text(removedFromConfiguration),
          ])
      }
      // Configured channels no longer in the configuration: disabled, their open deliveries closed (each
      // would otherwise fail as "channel not configured" and take its notification to dead).
      let configured = Set(channels.map(\.id))
      let stale = try connection.query(
        "SELECT id FROM notification_channels WHERE origin = 'config' AND disabled_at IS NULL"
      ).compactMap { $0.text(0) }.filter { !configured.contains($0) }
      for channelID in stale {
        try connection.run(
          "UPDATE notification_channels SET disabled_at = ?, disabled_reason = ? WHERE id = ?",
          [.date(now), .text(removedFromConfiguration), .text(channelID)])
        try closeOpenDeliveries(
          channelID: channelID, reason: "channel removed", now: now, in: connection)
      }
    }
  }

  /// Why a configured channel was disabled when the configuration no longer named it.
  static let removedFromConfiguration = "removed from the configuration"

  /// Dead-letters the open deliveries of a channel that will not be used again (`reason` as their last
  /// error) and updates their notifications' status.
  static func closeOpenDeliveries(
    channelID: String, reason: String, now: Date, in connection: Connection
  ) throws {
    let closed = try connection.query(
      """
      UPDATE notification_deliveries SET state = 'dead', last_error = ?, updated_at = ?
      WHERE channel_id = ? AND state IN ('pending', 'delivering') RETURNING notification_id
      """, [.text(reason), .date(now), .text(channelID)]
    ).compactMap { $0.text(0) }
    for id in Set(closed) { try refreshStatus(notificationID: id, now: now, in: connection) }
  }

  /// Writes `draft` in the caller's transaction and returns the id of the notification that holds it:
  /// a new one, or the unsent digest it was folded into (see `NotificationDigest.decide`).
  ///
  /// A new notification gets one delivery per enabled external channel of its recipient, due at its
  /// send time; without channels it is feed-only and counts as delivered once due.
  ///
  /// Outside a transaction it opens one. Inside the caller's, a failing call still undoes only its own
  /// work, without a `SAVEPOINT` for the common cases: a merge and a feed-only notification are one
  /// statement each (atomic by themselves); a notification with deliveries is two, and is deleted again
  /// (with any deliveries, by cascade) when the second fails. A savepoint per notification made SQLite
  /// copy every page it touched into its statement journal, most of the cost of a large re-match.
  @discardableResult
  public static func enqueue(_ draft: NotificationDraft, in connection: Connection) throws -> String
  {
    guard connection.isInTransaction else {
      return try connection.transaction { try enqueue(draft, in: connection) }
    }
    let now = draft.createdAt
    var latest: NotificationDigest?
    if let key = draft.digestKey {
      // A notification counts as sent once any channel was tried: folding a later change into it then
      // would hide the change from a channel that already has it, and send another text under the same
      // webhook-id to the rest.
      latest = try connection.queryOne(
        """
        SELECT n.id, n.kind, n.send_at, n.status,
          (SELECT count(*) FROM notification_deliveries d WHERE d.notification_id = n.id),
          EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id
            AND (d.attempts > 0 OR d.state != 'pending'))
        FROM notifications n WHERE n.digest_key = ? ORDER BY n.send_at DESC, n.created_at DESC LIMIT 1
        """, [.text(key)]
      ).flatMap { row -> NotificationDigest? in
        guard let id = row.text(0),
          let kind = row.text(1).flatMap(NotificationKind.init(rawValue:)),
          let sendAt = row.date(2)
        else { return nil }
        let feedOnlyDue = (row.int(4) ?? 0) == 0 && sendAt <= now
        let tried = row.bool(5) ?? false
        return NotificationDigest(
          id: id, kind: kind, sendAt: sendAt,
          isSent: row.text(3) != "pending" || feedOnlyDue || tried)
      }
    }
    switch NotificationDigest.decide(
      kind: draft.kind, now: now, window: draft.digestWindow, latest: latest)
    {
    case .merge(let id, let kind):
      guard
        let text = try connection.queryOne(
          "SELECT data FROM notifications WHERE id = ?", [.text(id)])?
          .text(0)
      else { throw StorageError.inconsistency("digest notification vanished during a merge") }
      let merged = try NotificationData.decode(json: text).merging(draft.data)
      // The vacancy column follows the data's vacancy (a score digest over several vacancies moves with
      // its latest largest score).
      try connection.run(
        """
        UPDATE notifications SET kind = ?, summary = ?, data = ?, updated_at = ?,
          vacancy_id = coalesce(?, vacancy_id)
        WHERE id = ?
        """,
        [
          .text(kind.rawValue), .text(merged.summary), .text(try encode(merged)), .date(now),
          SQLValue(merged.vacancy.flatMap { Int64($0.id) }), .text(id),
        ])
      return id
    case .create(let sendAt):
      let id = newID()
      // Deliveries only for an externally delivered kind whose recipient has an enabled channel; without
      // one the notification is feed-only and delivered once due, which it is written as right away.
      var hasChannels = false
      if draft.kind.isDeliveredExternally {
        hasChannels =
          try connection.queryOne(
            """
            SELECT EXISTS (SELECT 1 FROM notification_channels WHERE user_id = ? AND disabled_at IS NULL)
            """, [.text(draft.recipient)])?.bool(0) ?? false
      }
      let status: OutboxStatus = !hasChannels && sendAt <= now ? .delivered : .pending
      try connection.run(
        """
        INSERT INTO notifications (id, recipient_user_id, candidate_id, vacancy_id, kind, summary, data,
          status, digest_key, send_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .text(id), .text(draft.recipient), SQLValue(draft.candidateID),
          SQLValue(draft.vacancyID),
          .text(draft.kind.rawValue), .text(draft.data.summary), .text(try encode(draft.data)),
          .text(status.rawValue), SQLValue(draft.digestKey), .date(sendAt), .date(now), .date(now),
        ])
      if hasChannels {
        do {
          try connection.run(
            """
            INSERT INTO notification_deliveries (notification_id, channel_id, next_attempt_at, updated_at)
            SELECT ?, id, ?, ? FROM notification_channels WHERE user_id = ? AND disabled_at IS NULL
            """, [.text(id), .date(sendAt), .date(now), .text(draft.recipient)])
        } catch {
          // SQLite may have rolled the whole transaction back already (then there is nothing to undo).
          if connection.isInTransaction {
            try? connection.run("DELETE FROM notifications WHERE id = ?", [.text(id)])
          }
          throw error
        }
      }
      return id
    }
  }

  /// Who to tell about a change to candidate `candidateID`: per open vacancy whose pipeline holds the
  /// candidate, the pipeline entry's owner and the vacancy's owner (`NotificationPolicy` de-duplicates).
  public static func pipelineAudiences(candidateID: Int64, in connection: Connection) throws
    -> [(vacancyID: Int64, audience: NotificationAudience)]
  {
    try connection.query(
      """
      SELECT p.vacancy_id, p.owner_user_id, v.owner_user_id FROM pipeline_entries p
      JOIN vacancies v ON v.id = p.vacancy_id
      WHERE p.candidate_id = ? AND v.is_open = 1 ORDER BY p.vacancy_id
      """, [.integer(candidateID)]
    ).compactMap { row in
      guard let vacancyID = row.int(0) else { return nil }
      return (
        vacancyID,
        NotificationAudience(pipelineOwner: row.text(1), vacancyOwner: row.text(2))
      )
    }
  }

  /// Claims up to `limit` due deliveries of enabled channels: each is marked `delivering` with a lease
  /// until `now + lease`, after which an unfinished one (a crash) is due again: at-least-once.
  /// Held feed-only notifications whose time has come are marked delivered on the way.
  public static func claimDue(now: Date, lease: TimeInterval, limit: Int, in connection: Connection)
    throws -> [OutboxDelivery]
  {
    try connection.transaction {
      try connection.run(
        """
        UPDATE notifications SET status = 'delivered', updated_at = ?
        WHERE status = 'pending' AND send_at <= ?
          AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = notifications.id)
        """, [.date(now), .date(now)])
      let rows = try connection.query(
        """
        SELECT d.id, d.notification_id, d.channel_id, n.recipient_user_id, n.kind, n.summary, n.data,
          d.attempts, n.created_at
        FROM notification_deliveries d
        JOIN notifications n ON n.id = d.notification_id
        JOIN notification_channels c ON c.id = d.channel_id
        WHERE d.state IN ('pending', 'delivering') AND d.next_attempt_at <= ? AND c.disabled_at IS NULL
        ORDER BY d.next_attempt_at, d.id LIMIT ?
        """, [.date(now), .integer(Int64(max(0, limit)))])
      var claimed: [OutboxDelivery] = []
      for row in rows {
        guard let id = row.int(0), let notificationID = row.text(1), let channelID = row.text(2),
          let recipient = row.text(3), let kind = row.text(4), let summary = row.text(5),
          let data = row.text(6), let createdAt = row.date(8)
        else { throw StorageError.inconsistency("delivery row with missing columns") }
        try connection.run(
          """
          UPDATE notification_deliveries SET state = 'delivering', next_attempt_at = ?, updated_at = ?
          WHERE id = ?
          """, [.date(now.addingTimeInterval(lease)), .date(now), .integer(id)])
        try connection.run(
          "UPDATE notifications SET status = 'delivering', updated_at = ? WHERE id = ? AND status = 'pending'",
          [.date(now), .text(notificationID)])
        claimed.append(
          OutboxDelivery(
            id: id, notificationID: notificationID, channelID: channelID, recipient: recipient,
            kind: kind, summary: summary, data: data, attempts: Int(row.int(7) ?? 0),
            createdAt: createdAt))
      }
      return claimed
    }
  }

  /// Records a finished attempt and applies its decision. `disableChannel` also disables the channel,
  /// dead-letters its other open deliveries and tells the recipient through the feed.
  public static func record(_ attempt: OutboxAttempt, in connection: Connection) throws {
    try connection.transaction {
      guard
        let row = try connection.queryOne(
          """
          SELECT d.notification_id, d.channel_id, c.user_id, c.kind FROM notification_deliveries d
          JOIN notification_channels c ON c.id = d.channel_id WHERE d.id = ?
          """, [.integer(attempt.deliveryID)]),
        let notificationID = row.text(0), let channelID = row.text(1), let userID = row.text(2)
      else { return }
      let now = attempt.attemptedAt.addingTimeInterval(Double(attempt.latencyMilliseconds) / 1000)
      let state: OutboxStatus
      let outcome: String
      var nextAttempt = now
      switch attempt.decision {
      case .delivered: (state, outcome) = (.delivered, "delivered")
      case .retry(let at):
        (state, outcome) = (.delivering, "retry")
        nextAttempt = at
      case .dead: (state, outcome) = (.dead, "dead")
      case .disableChannel: (state, outcome) = (.dead, "disabled")
      }
      try connection.run(
        """
        INSERT INTO notification_attempts (delivery_id, attempted_at, status_code, latency_ms, error, outcome)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        [
          .integer(attempt.deliveryID), .date(attempt.attemptedAt), SQLValue(attempt.statusCode),
          .integer(Int64(attempt.latencyMilliseconds)), SQLValue(attempt.error), .text(outcome),
        ])
      try connection.run(
        """
        UPDATE notification_deliveries SET attempts = attempts + 1, state = ?, next_attempt_at = ?,
          last_error = ?, updated_at = ? WHERE id = ?
        """,
        [
          .text(state.rawValue), .date(nextAttempt), SQLValue(attempt.error), .date(now),
          .integer(attempt.deliveryID),
        ])
      if attempt.decision == .disableChannel {
        try disable(
          channelID: channelID, userID: userID, kind: row.text(3) ?? "channel", now: now,
          in: connection)
      }
      try refreshStatus(notificationID: notificationID, now: now, in: connection)
    }
  }

  /// Disables a channel, dead-letters its open deliveries (updating their notifications) and puts a
  /// notice in the owner's feed.
  private static func disable(
    channelID: String, userID: String, kind: String, now: Date, in connection: Connection
  ) throws {
    try connection.run(
      """
      UPDATE notification_channels SET disabled_at = ?, disabled_reason = 'receiver answered 410 Gone'
      WHERE id = ? AND disabled_at IS NULL
      """, [.date(now), .text(channelID)])
    guard connection.changes > 0 else { return }
    try closeOpenDeliveries(
      channelID: channelID, reason: "channel disabled", now: now, in: connection)
    let summary = "Your \(kind) channel \(channelID) was disabled: the receiver answered 410 Gone."
    try enqueue(
      NotificationDraft(
        recipient: userID, kind: .channelDisabled, candidateID: nil, vacancyID: nil,
        data: NotificationData(
          recruiter: userID, candidateID: nil, vacancyID: nil, summary: summary, changes: [],
          score: nil, observedAt: now, eventTypes: [NotificationKind.channelDisabled.rawValue]),
        digestKey: nil, digestWindow: 0, createdAt: now),
      in: connection)
  }

  /// Sets a notification's status from its deliveries: open ones → pending/delivering, else any dead →
  /// dead, else delivered.
  static func refreshStatus(notificationID: String, now: Date, in connection: Connection)
    throws
  {
    try connection.run(
      """
      UPDATE notifications SET updated_at = ?, status = (
        SELECT CASE
          WHEN sum(state = 'delivering') > 0 THEN 'delivering'
          WHEN sum(state = 'pending') > 0 THEN 'pending'
          WHEN sum(state = 'dead') > 0 THEN 'dead'
          ELSE 'delivered' END
        FROM notification_deliveries WHERE notification_id = ?)
      WHERE id = ? AND EXISTS (SELECT 1 FROM notification_deliveries WHERE notification_id = ?)
      """, [.date(now), .text(notificationID), .text(notificationID), .text(notificationID)])
  }

  /// Re-queues the dead deliveries of notification `id` (of channels still enabled) for an attempt at
  /// `now` with a fresh schedule; the attempts log is kept. Returns how many deliveries were re-queued.
  @discardableResult
  public static func redrive(id: String, now: Date, in connection: Connection) throws -> Int {
    try connection.transaction {
      try connection.run(
        """
        UPDATE notification_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?,
          updated_at = ?
        WHERE notification_id = ? AND state = 'dead'
          AND channel_id IN (SELECT id FROM notification_channels WHERE disabled_at IS NULL)
        """, [.date(now), .date(now), .text(id)])
      let count = connection.changes
      if count > 0 { try refreshStatus(notificationID: id, now: now, in: connection) }
      return count
    }
  }

  /// Re-queues every dead notification; returns the ids that got at least one delivery back.
  public static func redriveDead(now: Date, in connection: Connection) throws -> [String] {
    try connection.transaction {
      let ids = try connection.query(
        "SELECT id FROM notifications WHERE status = 'dead' ORDER BY created_at"
      )
      .compactMap { $0.text(0) }
      return try ids.filter { try redrive(id: $0, now: now, in: connection) > 0 }
    }
  }

  /// A recipient's feed, newest first: at most `limit`, only unread ones when asked.
  public static func feed(
    recipient: String, unreadOnly: Bool = false, limit: Int = 50, in connection: Connection
  ) throws -> [OutboxNotification] {
    try connection.query(
      """
      SELECT \(columns) FROM notifications WHERE recipient_user_id = ?
        \(unreadOnly ? "AND read_at IS NULL" : "")
      ORDER BY created_at DESC, id DESC LIMIT ?
      """, [.text(recipient), .integer(Int64(max(0, limit)))]
    ).map(notification)
  }

  /// Marks notification `id` read for `recipient` (the first read time is kept); false when the
  /// recipient has no such notification.
  public static func markRead(id: String, recipient: String, at: Date, in connection: Connection)
    throws -> Bool
  {
    try connection.run(
      """
      UPDATE notifications SET read_at = coalesce(read_at, ?)
      WHERE id = ? AND recipient_user_id = ?
      """, [.date(at), .text(id), .text(recipient)])
    return connection.changes > 0
  }

  /// Notifications by status and recipient (either may be nil for all), oldest first.
  public static func list(
    status: OutboxStatus? = nil, recipient: String? = nil, limit: Int = 1000,
    in connection: Connection
  ) throws -> [OutboxNotification] {
    var clauses: [String] = []
    var arguments: [SQLValue] = []
    if let status {
      clauses.append("status = ?")
      arguments.append(.text(status.rawValue))
    }
    if let recipient {
      clauses.append("recipient_user_id = ?")
      arguments.append(.text(recipient))
    }
    arguments.append(.integer(Int64(max(0, limit))))
    let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    return try connection.query(
      "SELECT \(columns) FROM notifications \(whereClause) ORDER BY created_at, id LIMIT ?",
      arguments
    ).map(notification)
  }

  /// One notification, or nil.
  public static func find(id: String, in connection: Connection) throws -> OutboxNotification? {
    try connection.queryOne("SELECT \(columns) FROM notifications WHERE id = ?", [.text(id)]).map(
      notification)
  }

  /// Every attempt of notification `id`, oldest first.
  public static func attempts(notificationID id: String, in connection: Connection) throws
    -> [OutboxAttemptRecord]
  {
    try connection.query(
      """
      SELECT d.channel_id, a.attempted_at, a.status_code, a.latency_ms, a.error, a.outcome
      FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
      WHERE d.notification_id = ? ORDER BY a.id
      """, [.text(id)]
    ).map { row in
      OutboxAttemptRecord(
        channelID: row.text(0) ?? "", attemptedAt: row.date(1) ?? Date(timeIntervalSince1970: 0),
        statusCode: row.int(2).map(Int.init), latencyMilliseconds: Int(row.int(3) ?? 0),
        error: row.text(4), outcome: row.text(5) ?? "")
    }
  }

  /// Whether channel `id` is disabled (nil when unknown).
  public static func isChannelDisabled(id: String, in connection: Connection) throws -> Bool? {
    try connection.queryOne(
      "SELECT disabled_at IS NOT NULL FROM notification_channels WHERE id = ?", [.text(id)]
    )?.bool(0)
  }

  /// Counts notifications per status.
  public static func countByStatus(in connection: Connection) throws -> [OutboxStatus: Int] {
    var counts: [OutboxStatus: Int] = [:]
    for row in try connection.query("SELECT status, count(*) FROM notifications GROUP BY status") {
      if let status = row.text(0).flatMap(OutboxStatus.init(rawValue:)) {
        counts[status] = Int(row.int(1) ?? 0)
      }
    }
    return counts
  }

  private static let columns =
    "id, recipient_user_id, candidate_id, vacancy_id, kind, summary, data, status, created_at, send_at, read_at"

  private static func notification(_ row: Row) -> OutboxNotification {
    OutboxNotification(
      id: row.text(0) ?? "", recipient: row.text(1) ?? "", candidateID: row.int(2),
      vacancyID: row.int(3), kind: row.text(4) ?? "", summary: row.text(5) ?? "",
      data: row.text(6) ?? "{}",
      status: row.text(7).flatMap(OutboxStatus.init(rawValue:)) ?? .pending,
      createdAt: row.date(8) ?? Date(timeIntervalSince1970: 0),
      sendAt: row.date(9) ?? Date(timeIntervalSince1970: 0), readAt: row.date(10))
  }

  /// The stored form of `data`: what `NotificationData.encoder()` makes of it, written by hand.
  private static func encode(_ data: NotificationData) throws -> String {
    try data.encodedJSON()
  }

  private static let idAlphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
  /// Where ids take their randomness: OpenSSL's generator, asked for 4 KiB at a time.
  private static let idRandom = SecureRandomBuffer()

  /// `ntf_` and 26 lower-case base-32 characters from OpenSSL's cryptographic generator, buffered (the
  /// system generator asked once per character, then OpenSSL asked once per id, were a visible share of
  /// a large re-match). Each character takes the low 5 bits of one random byte: all 32 equally likely.
  static func newID() -> String {
    var text = Array("ntf_".utf8)
    text.reserveCapacity(30)
    for byte in idRandom.bytes(count: 26) { text.append(idAlphabet[Int(byte & 31)]) }
    return String(decoding: text, as: UTF8.self)
  }

  /// The candidate a delivery's notification is about, with the notification's kind.
  public static func subject(deliveryID: Int64, in connection: Connection) throws
    -> (candidateID: Int64?, kind: String)?
  {
    try connection.queryOne(
      """
      SELECT n.candidate_id, n.kind FROM notification_deliveries d
      JOIN notifications n ON n.id = d.notification_id WHERE d.id = ?
      """, [.integer(deliveryID)]
    ).map { ($0.int(0), $0.text(1) ?? "") }
  }
}
