import Foundation
import Storage

/// Rows for planning tests, written with plain SQL into a migrated database (Unix ms times).
struct PlanningFixture {
  /// The connection rows are written through.
  let connection: Connection
  /// The reference instant of the test.
  let now: Date

  /// Opens and migrates a database at `path`.
  static func open(_ path: String, now: Date) throws -> PlanningFixture {
    let connection = try Connection(path: path + "/planning.db")
    _ = try Migrator(Schema.migrations).migrate(connection)
    try connection.run(
      """
      INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body_size)
      VALUES (1, 'test', 'd1', 'standard-webhooks', 'canonical', 0, '{}', 0)
      """)
    return PlanningFixture(connection: connection, now: now)
  }

  /// `days` before `now`.
  func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

  /// A candidate verified `verifiedDaysAgo` days ago (nil: never).
  @discardableResult
  func candidate(_ id: Int64, verifiedDaysAgo: Double?, profileURL: String? = nil) throws -> Int64 {
    try connection.run(
      """
      INSERT INTO candidates (id, provider, provider_id, profile_url, created_at, last_verified_at,
        sourced_at, enriched_at)
      VALUES (?, 'crustdata', ?, ?, 0, ?, ?, ?)
      """,
      [
        .integer(id), .text("p\(id)"),
        .text(profileURL ?? "https://www.linkedin.com/in/person-\(id)"),
        .date(verifiedDaysAgo.map(daysAgo)), .date(daysAgo(100)),
        .date(verifiedDaysAgo.map(daysAgo)),
      ])
    return id
  }

  /// A vacancy, open or closed.
  func vacancy(_ id: Int64, open: Bool) throws {
    try connection.run(
      """
      INSERT INTO vacancies (id, title, criteria, owner_user_id, is_open, created_at, updated_at)
      VALUES (?, 'Engineer', '{}', 'u_anna', ?, 0, 0)
      """, [.integer(id), .integer(open ? 1 : 0)])
  }

  /// A pipeline entry with its last activity `activityDaysAgo` days ago.
  func pipeline(candidate: Int64, vacancy: Int64, activityDaysAgo: Double) throws {
    try connection.run(
      """
      INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id, confirmed_by_user_id,
        confirmed_at, stage_changed_by_user_id, stage_changed_at, last_activity_at)
      VALUES (?, ?, 'sourced', 'u_anna', 'u_anna', 0, 'u_anna', 0, ?)
      """, [.integer(candidate), .integer(vacancy), .date(daysAgo(activityDaysAgo))])
  }

  /// A signal detected `detectedDaysAgo` days ago; returns its id.
  @discardableResult
  func signal(candidate: Int64, kind: String = "job_changed", detectedDaysAgo: Double) throws
    -> Int64
  {
    let ordinal = try connection.queryOne("SELECT COUNT(*) FROM signals")?.int(0) ?? 0
    try connection.run(
      """
      INSERT INTO signals (inbox_id, ordinal, candidate_id, kind, detected_at, received_at, signal)
      VALUES (1, ?, ?, ?, ?, ?, '{}')
      """,
      [
        .integer(ordinal), .integer(candidate), .text(kind), .date(daysAgo(detectedDaysAgo)),
        .date(daysAgo(detectedDaysAgo)),
      ])
    return connection.lastInsertRowID
  }

  /// The query plan's detail lines for `sql` with `arguments`.
  func queryPlan(_ sql: String, _ arguments: [SQLValue] = []) throws -> [String] {
    try connection.query("EXPLAIN QUERY PLAN " + sql, arguments).compactMap { $0.text("detail") }
  }
}
