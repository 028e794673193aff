extension Schema {
  /// The candidate record (issue: candidate records), vacancies, pipeline, the credit ledger, the refresh
  /// plan, change events and match scores: the shared core that the planner, matcher, notifier and
  /// compliance jobs all read. Times are INTEGER Unix milliseconds.
  static let records: [Migration] = [
    Migration(
      id: 10, name: "candidate-record",
      sql: """
        ALTER TABLE candidates ADD COLUMN name TEXT;
        ALTER TABLE candidates ADD COLUMN headline TEXT;
        ALTER TABLE candidates ADD COLUMN current_title TEXT;
        ALTER TABLE candidates ADD COLUMN current_company TEXT;
        ALTER TABLE candidates ADD COLUMN location TEXT;
        ALTER TABLE candidates ADD COLUMN profile TEXT;
        ALTER TABLE candidates ADD COLUMN raw_payload BLOB;
        ALTER TABLE candidates ADD COLUMN open_to_work INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE candidates ADD COLUMN source TEXT NOT NULL DEFAULT 'unknown';
        ALTER TABLE candidates ADD COLUMN ai_sourced INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE candidates ADD COLUMN confirmed_by_user_id TEXT;
        ALTER TABLE candidates ADD COLUMN confirmed_at INTEGER;
        ALTER TABLE candidates ADD COLUMN sourced_at INTEGER;
        ALTER TABLE candidates ADD COLUMN enriched_at INTEGER;
        ALTER TABLE candidates ADD COLUMN last_verified_at INTEGER;
        ALTER TABLE candidates ADD COLUMN contacted_at INTEGER;
        ALTER TABLE candidates ADD COLUMN art14_notice_sent_at INTEGER;
        ALTER TABLE candidates ADD COLUMN features_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE candidates ADD COLUMN photo_url TEXT;
        CREATE INDEX candidates_by_last_verified ON candidates (last_verified_at);
        CREATE INDEX candidates_by_sourced ON candidates (sourced_at) WHERE contacted_at IS NULL;
        CREATE INDEX candidates_by_contacted ON candidates (contacted_at) WHERE contacted_at IS NOT NULL;

        -- Fields that can bias a hiring decision wait here until a recruiter accepts them.
        CREATE TABLE pending_fields (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          field TEXT NOT NULL,
          value TEXT NOT NULL,
          proposed_at INTEGER NOT NULL,
          accepted_by_user_id TEXT,
          accepted_at INTEGER,
          UNIQUE (candidate_id, field)
        );

        -- Contact data: fetched only when a recruiter asks, billed separately, deleted on its own clock.
        CREATE TABLE contact_data (
          candidate_id INTEGER PRIMARY KEY REFERENCES candidates (id) ON DELETE CASCADE,
          emails TEXT NOT NULL,
          phones TEXT NOT NULL,
          fetched_at INTEGER NOT NULL,
          fetched_by_user_id TEXT NOT NULL
        );

        CREATE TABLE vacancies (
          id INTEGER PRIMARY KEY,
          title TEXT NOT NULL,
          criteria TEXT NOT NULL,
          owner_user_id TEXT NOT NULL,
          is_open INTEGER NOT NULL DEFAULT 1,
          ai_scoring INTEGER NOT NULL DEFAULT 1,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          criteria_version INTEGER NOT NULL DEFAULT 1
        );

        -- A stage is always set by a human: the acting user id is required on every change.
        CREATE TABLE pipeline_entries (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          vacancy_id INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
          stage TEXT NOT NULL,
          owner_user_id TEXT NOT NULL,
          confirmed_by_user_id TEXT NOT NULL,
          confirmed_at INTEGER NOT NULL,
          stage_changed_by_user_id TEXT NOT NULL,
          stage_changed_at INTEGER NOT NULL,
          last_activity_at INTEGER NOT NULL,
          UNIQUE (candidate_id, vacancy_id)
        );
        CREATE INDEX pipeline_by_vacancy ON pipeline_entries (vacancy_id);
        CREATE INDEX pipeline_by_activity ON pipeline_entries (last_activity_at);

        CREATE TABLE pipeline_stage_changes (
          id INTEGER PRIMARY KEY,
          pipeline_entry_id INTEGER NOT NULL REFERENCES pipeline_entries (id) ON DELETE CASCADE,
          from_stage TEXT,
          to_stage TEXT NOT NULL,
          changed_by_user_id TEXT NOT NULL CHECK (length(changed_by_user_id) > 0),
          reason TEXT,
          changed_at INTEGER NOT NULL
        );
        """),
    Migration(
      id: 11, name: "candidate-ids-never-reused",
      sql: """
        -- SQLite hands out max(id) + 1, so erasing the newest candidate would give their id to the next
        -- person added (and with it, every log line and ledger entry that named the old one). The highest
        -- id ever deleted is kept here, and new candidates are numbered above it.
        CREATE TABLE candidate_id_high_water (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          value INTEGER NOT NULL
        );
        INSERT INTO candidate_id_high_water (id, value) VALUES (1, 0);
        CREATE TRIGGER candidates_high_water AFTER DELETE ON candidates
        BEGIN
          UPDATE candidate_id_high_water SET value = max(value, OLD.id) WHERE id = 1;
        END;
        """),
    Migration(
      id: 20, name: "credit-ledger",
      sql: """
        -- Every provider call's cost, with the candidates it served and why.
        CREATE TABLE credit_ledger (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          day TEXT NOT NULL,
          operation TEXT NOT NULL,
          credits REAL NOT NULL,
          candidate_ids TEXT NOT NULL,
          purpose TEXT NOT NULL,
          profiles INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX credit_ledger_by_day ON credit_ledger (day);
        """),
    Migration(
      id: 25, name: "refresh-plan-and-change-events",
      sql: """
        -- One refresh of one candidate: planned -> in_flight -> done | failed. A crash leaves in_flight rows
        -- that the next run resolves without paying twice (see the refresh executor).
        CREATE TABLE plan_items (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          state TEXT NOT NULL CHECK (state IN ('planned', 'in_flight', 'done', 'failed')),
          tier TEXT NOT NULL,
          priority INTEGER NOT NULL,
          reason_code TEXT NOT NULL,
          reason TEXT NOT NULL,
          signal_ids TEXT NOT NULL,
          planned_at INTEGER NOT NULL,
          started_at INTEGER,
          finished_at INTEGER,
          attempts INTEGER NOT NULL DEFAULT 0,
          error TEXT
        );
        CREATE UNIQUE INDEX plan_items_one_open_per_candidate ON plan_items (candidate_id)
          WHERE state IN ('planned', 'in_flight');
        CREATE INDEX plan_items_by_state ON plan_items (state, priority);

        -- What a refresh found changed, before -> after; consumed by the matcher and the notifier.
        CREATE TABLE change_events (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          plan_item_id INTEGER REFERENCES plan_items (id) ON DELETE SET NULL,
          kind TEXT NOT NULL,
          before TEXT,
          after TEXT,
          detected_at INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          matched_at INTEGER,
          notified_at INTEGER
        );
        CREATE INDEX change_events_unmatched ON change_events (id) WHERE matched_at IS NULL;
        CREATE INDEX change_events_by_candidate ON change_events (candidate_id);
        """),
    Migration(
      id: 30, name: "match-scores",
      sql: """
        -- Advisory scores: a number a recruiter reads, never a decision. History is kept.
        CREATE TABLE match_scores (
          id INTEGER PRIMARY KEY,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          vacancy_id INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
          score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
          contributions TEXT NOT NULL,
          model_version TEXT NOT NULL,
          trigger TEXT NOT NULL,
          scored_at INTEGER NOT NULL,
          is_current INTEGER NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX match_scores_current ON match_scores (vacancy_id, candidate_id)
          WHERE is_current = 1;
        CREATE INDEX match_scores_by_candidate ON match_scores (candidate_id, vacancy_id, scored_at);
        CREATE INDEX match_scores_ranking ON match_scores (vacancy_id, score DESC, candidate_id)
          WHERE is_current = 1;
        """),
  ]
}
