/// The database schema of talentwatch, as an ordered list of migrations. Append new ones; never edit old ones.
///
/// Each area keeps its migrations in its own `Schema+Area.swift` with its own id range, so areas can grow
/// independently: ingest 1–9, candidate records 10–19, enrichment 20–24, planner and refresh 25–29,
/// matching 30–39, notifications 40–49, compliance 50–59, operations 60–69.
public enum Schema {
  /// Every migration, in id order.
  public static var migrations: [Migration] {
    (ingest + records + compliance + planning + notifications + matching + operations)
      .sorted { $0.id < $1.id }
  }

  /// The inbox, the identity of the people we hold, and signals.
  static let ingest: [Migration] = [
    Migration(
      id: 1, name: "inbox",
      sql: """
        CREATE TABLE inbox (
          id INTEGER PRIMARY KEY,
          source TEXT NOT NULL,
          delivery_id TEXT NOT NULL,
          scheme TEXT NOT NULL,
          format TEXT NOT NULL,
          received_at INTEGER NOT NULL,
          signed_at INTEGER,
          headers TEXT NOT NULL,
          body BLOB,
          body_size INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'processed', 'quarantined', 'suppressed', 'ignored')),
          error TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          processed_at INTEGER,
          signal_count INTEGER NOT NULL DEFAULT 0,
          ignored_count INTEGER NOT NULL DEFAULT 0,
          body_purge_after INTEGER,
          UNIQUE (source, delivery_id)
        );
        CREATE INDEX inbox_by_status ON inbox (status, id);
        CREATE INDEX inbox_by_received ON inbox (received_at);
        CREATE INDEX inbox_by_body_purge ON inbox (body_purge_after) WHERE body_purge_after IS NOT NULL;
        """),
    Migration(
      id: 2, name: "candidates-identity",
      sql: """
        CREATE TABLE candidates (
          id INTEGER PRIMARY KEY,
          provider TEXT NOT NULL,
          provider_id TEXT,
          profile_url TEXT,
          created_at INTEGER NOT NULL,
          UNIQUE (provider, provider_id),
          UNIQUE (profile_url)
        );
        """),
    Migration(
      id: 3, name: "signals",
      sql: """
        CREATE TABLE signals (
          id INTEGER PRIMARY KEY,
          inbox_id INTEGER NOT NULL REFERENCES inbox (id) ON DELETE CASCADE,
          ordinal INTEGER NOT NULL,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          detected_at INTEGER NOT NULL,
          received_at INTEGER NOT NULL,
          signal TEXT NOT NULL,
          UNIQUE (inbox_id, ordinal)
        );
        CREATE INDEX signals_by_candidate ON signals (candidate_id, detected_at);
        """),
  ]
}
