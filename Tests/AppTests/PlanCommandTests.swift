import Domain
import Foundation
import Storage
import Testing

@testable import App

/// `talentwatch plan`: every decision printed with its reason, JSON for scripts, dry run writes nothing.
@Suite("plan command: decisions with reasons, from the database")
struct PlanCommandTests {
  private let now = Date()

  private func seeded(_ directory: TemporaryDirectory) throws -> PlanTestDatabase {
    let database = try PlanTestDatabase(directory: directory, now: now)
    try database.candidate(1, verifiedDaysAgo: 10)
    try database.signal(candidate: 1, kind: .jobChanged, detectedDaysAgo: 1)
    try database.candidate(2, verifiedDaysAgo: 9)
    try database.pipeline(candidate: 2, vacancy: 1, activityDaysAgo: 2)
    try database.candidate(3, verifiedDaysAgo: 20)
    try database.signal(candidate: 3, kind: .changed, detectedDaysAgo: 1)
    try database.candidate(4, verifiedDaysAgo: 1)
    try database.signal(candidate: 4, kind: .openToWork, detectedDaysAgo: 3)
    try database.candidate(5, verifiedDaysAgo: 300)
    return database
  }

  @Test(
    "--dry-run prints the summary and one line per decision with its sentence, skips included, and records nothing"
  )
  func dryRunText() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try seeded(directory)
    let run = try await runCLI(["--db", database.path, "plan", "--dry-run"], directory: directory)
    #expect(run.status == 0, "\(run.standardError)")
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    #expect(
      lines.first?.contains("2 to refresh (2 credits), 0 waiting for budget, 2 skipped") == true)
    #expect(
      lines.contains { $0.hasPrefix("refresh") && $0.contains("candidate 1: Job change detected") })
    #expect(
      lines.contains {
        $0.hasPrefix("refresh") && $0.contains("candidate 2: Last verified")
          && $0.contains("7-day limit")
      })
    #expect(lines.contains { $0.hasPrefix("skip") && $0.contains("candidate 3: Kept:") })
    #expect(
      lines.contains {
        $0.hasPrefix("skip") && $0.contains("candidate 4: Skipped: signal older than the record")
      })
    #expect(!lines.contains { $0.contains("candidate 5") })
    #expect(lines.last == "Dry run: nothing recorded.")
    let items = try database.withConnection { try PlanItemStore.counts(in: $0) }
    #expect(items.isEmpty)
  }

  @Test(
    "--json prints the plan for scripts with codes and sentences; without --dry-run the refreshes are recorded once"
  )
  func jsonAndRecording() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try seeded(directory)
    let run = try await runCLI(["--db", database.path, "--json", "plan"], directory: directory)
    #expect(run.status == 0, "\(run.standardError)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    let items = try #require(object["items"] as? [[String: Any]])
    #expect(items.count == 4)
    let first = try #require(items.first)
    #expect(first["candidate_id"] as? Int == 2)
    #expect(first["decision"] as? String == "refresh")
    let reason = try #require(first["reason"] as? [String: Any])
    #expect(reason["code"] as? String == "staleness_limit_passed")
    #expect((reason["sentence"] as? String)?.isEmpty == false)

    let again = try await runCLI(["--db", database.path, "plan"], directory: directory)
    #expect(again.status == 0)
    #expect(again.standardOutput.contains("Recorded 0 new refresh item(s)"))
    let planned = try database.withConnection { try PlanItemStore.items(in: .planned, in: $0) }
    #expect(planned.map(\.candidateID) == [2, 1])
    // The older signal left the queue; the dormant notification-only one stays queued.
    let queued = try database.withConnection {
      try $0.query("SELECT candidate_id FROM planning_signals ORDER BY candidate_id").compactMap {
        $0.int(0)
      }
    }
    #expect(queued == [1, 3])
  }
}
