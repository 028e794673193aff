extension Schema {
  /// Compliance: the tamper-evident audit log and the suppression list of erased people (ids 50–59).
  static let compliance: [Migration] = [
    Migration(
      id: 50, name: "audit-log",
      sql: """
        -- Append-only: each entry's hash covers the previous entry's hash and its own canonical content.
        -- The subject is a keyed hash (pseudonymous), so entries outlive the person's purge.
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          subject_key TEXT,
          details TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_by_at ON audit_log (at);
        CREATE INDEX audit_log_by_subject ON audit_log (subject_key) WHERE subject_key IS NOT NULL;
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
        BEGIN
          SELECT RAISE(ABORT, 'audit_log is append-only');
        END;
        """),
    Migration(
      id: 51, name: "suppression-list",
      sql: """
        -- Erased people: keyed hashes (HMAC with the pepper) of the provider id and the normalised profile
        -- URL, never the identifiers themselves. Ingest drops deliveries that name them.
        CREATE TABLE suppression_list (
          id INTEGER PRIMARY KEY,
          provider_id_hash TEXT,
          profile_url_hash TEXT,
          erased_at INTEGER NOT NULL,
          reason TEXT NOT NULL,
          CHECK (provider_id_hash IS NOT NULL OR profile_url_hash IS NOT NULL)
        );
        CREATE INDEX suppression_by_provider_id ON suppression_list (provider_id_hash)
          WHERE provider_id_hash IS NOT NULL;
        CREATE INDEX suppression_by_profile_url ON suppression_list (profile_url_hash)
          WHERE profile_url_hash IS NOT NULL;
        """),
  ]
}
