extension Schema {
  /// Matching (ids 30–39): `match_scores` was part of the core schema (id 30); 31 adds what the re-matcher
  /// needs to know which vacancies it has scored at which criteria version; 32 replaces `match_scores`
  /// (one row per score with JSON sentences and three indexes) by the compact layout `ScoreStore` documents.
  static let matching: [Migration] = [
    Migration(
      id: 31, name: "vacancy-match-state",
      sql: """
        -- The criteria version each vacancy was last fully scored at; a vacancy whose criteria_version moved
        -- past it (or has no row) is rescored for all candidates. Dropped when scoring is switched off.
        CREATE TABLE vacancy_match_state (
          vacancy_id INTEGER PRIMARY KEY REFERENCES vacancies (id) ON DELETE CASCADE,
          scored_criteria_version INTEGER NOT NULL,
          scored_at INTEGER NOT NULL
        );
        """),
    Migration(
      id: 32, name: "compact-scores",
      sql: """
        -- The features a candidate was scored with, one snapshot per profile version (text names, no ids):
        -- scores are re-explained from them, and a full rescoring reads them instead of the profile.
        CREATE TABLE match_snapshots (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL,
          basis TEXT NOT NULL,
          month INTEGER NOT NULL,
          taken_at INTEGER NOT NULL,
          features BLOB NOT NULL
        );
        CREATE INDEX match_snapshots_by_candidate ON match_snapshots (candidate_id);
        -- A vacancy's normalised criteria per criteria version (and synonym basis), written when first scored.
        CREATE TABLE match_vacancy_snapshots (
          vacancy_id INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
          criteria_version INTEGER NOT NULL,
          basis TEXT NOT NULL,
          recorded_at INTEGER NOT NULL,
          features BLOB NOT NULL,
          PRIMARY KEY (vacancy_id, criteria_version, basis)
        );
        -- Every score ever written, packed per candidate and scoring run: entries are (vacancy, criteria
        -- version, 7 feature points); the total is their sum. `legacy` keeps sentences of migrated scores.
        CREATE TABLE match_log (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL,
          trigger TEXT NOT NULL,
          model_version TEXT NOT NULL,
          scored_at INTEGER NOT NULL,
          snapshot_id INTEGER,
          entry_count INTEGER NOT NULL,
          entries BLOB NOT NULL,
          legacy TEXT
        );
        CREATE INDEX match_log_by_candidate ON match_log (candidate_id, id);
        -- Each candidate's current scores in one blob (vacancy, score, criteria version, log row), and the
        -- snapshot that still matches the profile (cleared by the trigger below when the profile changes).
        CREATE TABLE match_current (
          candidate_id INTEGER PRIMARY KEY,
          snapshot_id INTEGER,
          scores BLOB NOT NULL
        );
        -- Current totals vacancy-major: one byte per candidate id (255: none) in chunks of 8,192 ids, so a
        -- match list is one read of about 100 KB however many pairs are stored.
        CREATE TABLE match_columns (
          vacancy_id INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
          chunk INTEGER NOT NULL,
          scores BLOB NOT NULL,
          PRIMARY KEY (vacancy_id, chunk)
        );
        -- Column changes not yet folded into match_columns: per vacancy and run the changed (candidate, score)
        -- cells, a few KB; readers apply them in id order, writers fold them once a vacancy has many.
        CREATE TABLE match_column_patches (
          id INTEGER PRIMARY KEY,
          vacancy_id INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
          cell_count INTEGER NOT NULL,
          cells BLOB NOT NULL
        );
        CREATE INDEX match_column_patches_by_vacancy ON match_column_patches (vacancy_id, id);
        CREATE TABLE match_counters (
          name TEXT PRIMARY KEY,
          value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO match_counters (name, value) VALUES ('scores_written', 0);
        CREATE TRIGGER match_current_profile_changed AFTER UPDATE OF profile ON candidates
        BEGIN
          UPDATE match_current SET snapshot_id = NULL
          WHERE candidate_id = NEW.id AND snapshot_id IS NOT NULL;
        END;
        """,
      transform: { connection throws(StorageError) in
        try ScoreMigration.convertLegacyScores(in: connection)
      }),
  ]
}
