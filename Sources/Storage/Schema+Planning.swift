extension Schema {
  /// The planner's queue of signals that may still be newer than their record, so planning reads what can
  /// be due instead of every signal or every candidate.
  ///
  /// A trigger copies each new signal into `planning_signals`; a refresh deletes the entries it settles and
  /// a non-dry-run plan deletes the ones found older than their record (kept in `signals`, triggering
  /// nothing). A partial index lists open vacancies for
  /// the staleness read over open pipelines.
  static let planning: [Migration] = [
    Migration(
      id: 26, name: "planning-queue",
      sql: """
        CREATE TABLE planning_signals (
          signal_id INTEGER PRIMARY KEY REFERENCES signals (id) ON DELETE CASCADE,
          candidate_id INTEGER NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          detected_at INTEGER NOT NULL
        );
        CREATE INDEX planning_signals_by_candidate ON planning_signals (candidate_id, detected_at);
        CREATE TRIGGER signals_enqueue_for_planning AFTER INSERT ON signals
        BEGIN
          INSERT OR IGNORE INTO planning_signals (signal_id, candidate_id, kind, detected_at)
          VALUES (NEW.id, NEW.candidate_id, NEW.kind, NEW.detected_at);
        END;
        INSERT INTO planning_signals (signal_id, candidate_id, kind, detected_at)
          SELECT s.id, s.candidate_id, s.kind, s.detected_at FROM signals s
          JOIN candidates c ON c.id = s.candidate_id
          WHERE c.last_verified_at IS NULL OR s.detected_at > c.last_verified_at;
        CREATE INDEX vacancies_open ON vacancies (id) WHERE is_open = 1;
        CREATE INDEX plan_items_by_candidate ON plan_items (candidate_id, state, finished_at);
        """)
  ]
}
