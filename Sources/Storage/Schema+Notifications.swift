extension Schema {
  /// Recruiter notifications (ids 40–49): the outbox, per-channel deliveries and every attempt.
  ///
  /// A notification is written in the producer's transaction; its deliveries (one per enabled external
  /// channel of the recipient) are claimed by the dispatcher; the feed reads `notifications` directly.
  static let notifications: [Migration] = [
    Migration(
      id: 40, name: "notifications-outbox",
      sql: """
        -- A recipient's external channels as the dispatcher knows them; the targets stay in the config.
        CREATE TABLE notification_channels (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('webhook', 'slack', 'email')),
          created_at INTEGER NOT NULL,
          disabled_at INTEGER,
          disabled_reason TEXT
        );
        CREATE INDEX notification_channels_by_user ON notification_channels (user_id);

        -- One notification for one recipient; data holds no contact data and no raw payload.
        CREATE TABLE notifications (
          id TEXT PRIMARY KEY,
          recipient_user_id TEXT NOT NULL,
          candidate_id INTEGER REFERENCES candidates (id) ON DELETE CASCADE,
          vacancy_id INTEGER,
          kind TEXT NOT NULL,
          summary TEXT NOT NULL,
          data TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'delivering', 'delivered', 'dead')),
          digest_key TEXT,
          send_at INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          read_at INTEGER
        );
        CREATE INDEX notifications_by_recipient ON notifications (recipient_user_id, created_at);
        CREATE INDEX notifications_by_digest ON notifications (digest_key, created_at)
          WHERE digest_key IS NOT NULL;
        CREATE INDEX notifications_by_status ON notifications (status);
        CREATE INDEX notifications_by_candidate ON notifications (candidate_id);

        -- One per notification and external channel: the unit the dispatcher claims and retries.
        CREATE TABLE notification_deliveries (
          id INTEGER PRIMARY KEY,
          notification_id TEXT NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
          channel_id TEXT NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
          state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'delivering', 'delivered', 'dead')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error TEXT,
          updated_at INTEGER NOT NULL,
          UNIQUE (notification_id, channel_id)
        );
        CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
          WHERE state IN ('pending', 'delivering');

        -- Every attempt is kept: time, status code, latency and error.
        CREATE TABLE notification_attempts (
          id INTEGER PRIMARY KEY,
          delivery_id INTEGER NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
          attempted_at INTEGER NOT NULL,
          status_code INTEGER,
          latency_ms INTEGER NOT NULL,
          error TEXT,
          outcome TEXT NOT NULL
        );
        CREATE INDEX notification_attempts_by_delivery ON notification_attempts (delivery_id, id);
        """),
    Migration(
      id: 41, name: "notification-channels-through-the-api",
      sql: """
        -- Channels a recruiter adds through the API keep their target and signing secrets here (config
        -- channels keep theirs in the configuration file). Removing one disables it; deliveries stay.
        ALTER TABLE notification_channels ADD COLUMN origin TEXT NOT NULL DEFAULT 'config';
        ALTER TABLE notification_channels ADD COLUMN target TEXT;
        ALTER TABLE notification_channels ADD COLUMN secrets TEXT;
        """),
  ]
}
