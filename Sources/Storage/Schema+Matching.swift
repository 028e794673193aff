extension Schema {
  /// Matching (ids 30–39): `match_scores` itself is part of the core schema (id 30); this adds what the
  /// re-matcher needs to know which vacancies it has scored at which criteria version.
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
        """)
  ]
}
