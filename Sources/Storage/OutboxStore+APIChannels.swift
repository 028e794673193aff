public import Foundation

extension OutboxStore {
  /// A channel a recruiter added through the API.
  public struct APIChannel: Sendable, Hashable {
    /// Channel id (`ch_…`).
    public var id: String
    /// The owner.
    public var userID: String
    /// `webhook`, `slack` or `email`.
    public var kind: String
    /// URL or address.
    public var target: String
    /// Signing secrets (webhook channels), as given.
    public var secrets: [String]
    /// When it was disabled (removed by its owner, or a 410), if it was.
    public var disabledAt: Date?

    /// Creates a channel value.
    public init(
      id: String, userID: String, kind: String, target: String, secrets: [String],
      disabledAt: Date? = nil
    ) {
      self.id = id
      self.userID = userID
      self.kind = kind
      self.target = target
      self.secrets = secrets
      self.disabledAt = disabledAt
    }
  }

  /// Stores a channel added through the API.
  public static func addAPIChannel(_ channel: APIChannel, now: Date, in connection: Connection)
    throws
  {
    let secrets = String(
      decoding: try JSONSerialization.data(withJSONObject: channel.secrets), as: UTF8.self)
    try connection.run(
      """
      INSERT INTO notification_channels (id, user_id, kind, created_at, origin, target, secrets)
      VALUES (?, ?, ?, ?, 'api', ?, ?)
      """,
      [
        .text(channel.id), .text(channel.userID), .text(channel.kind), .date(now),
        .text(channel.target), .text(secrets),
      ])
  }

  /// The API-added channels, of one user or of everyone.
  public static func apiChannels(userID: String? = nil, in connection: Connection) throws
    -> [APIChannel]
  {
    let rows =
      if let userID {
        try connection.query(
          """
          SELECT id, user_id, kind, target, secrets, disabled_at FROM notification_channels
          WHERE origin = 'api' AND user_id = ? ORDER BY created_at, id
          """, [.text(userID)])
      } else {
        try connection.query(
          """
          SELECT id, user_id, kind, target, secrets, disabled_at FROM notification_channels
          WHERE origin = 'api' ORDER BY created_at, id
          """)
      }
    return rows.map { row in
      let secrets =
        (try? JSONSerialization.jsonObject(with: Data((row.text(4) ?? "[]").utf8))) as? [String]
      return APIChannel(
        id: row.text(0) ?? "", userID: row.text(1) ?? "", kind: row.text(2) ?? "",
        target: row.text(3) ?? "", secrets: secrets ?? [], disabledAt: row.date(5))
    }
  }

  /// Disables one of `userID`'s API channels and dead-letters its open deliveries (they would never be
  /// claimed again); false when there is no such enabled channel.
  public static func removeAPIChannel(
    id: String, userID: String, now: Date, in connection: Connection
  )
    throws -> Bool
  {
    try connection.transaction {
      try connection.run(
        """
        UPDATE notification_channels SET disabled_at = ?, disabled_reason = 'removed by its owner'
        WHERE id = ? AND user_id = ? AND origin = 'api' AND disabled_at IS NULL
        """, [.date(now), .text(id), .text(userID)])
      guard connection.changes > 0 else { return false }
      try closeOpenDeliveries(channelID: id, reason: "channel removed", now: now, in: connection)
      return true
    }
  }
}
