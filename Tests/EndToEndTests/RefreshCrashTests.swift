import Domain
import Foundation
import HTTPClient
import Storage
import TestSupport
import Testing

/// The refresh crash-safety test: `talentwatch refresh run` as a child process against
/// `provider-sandbox`, killed with SIGKILL mid-run while a call is outstanding, then restarted.
@Suite("refresh run crash safety against the provider sandbox")
struct RefreshCrashTests {
  @Test(
    "SIGKILL mid-run, then restart: every person billed exactly once by the sandbox, every item done"
  )
  func killedMidRunPaysOnceLosesNothing() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("refresh-crash-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Slow answers (a 504 after 3 s, billed nothing) on a seeded 35% of calls; the client gives up after
    // 1 s and retries. The test kills the run while such a call is outstanding, after progress.
    let sandbox = try SandboxProcess(
      arguments: ["--fault-rate-slow", "0.35", "--slow-seconds", "3", "--seed", "7"],
      directory: directory.appendingPathComponent("sandbox"))
    defer { sandbox.remove() }
    let client = HTTPClient()
    let calls = SandboxCalls(client: client, sandbox: sandbox)

    // Our database: every sandbox person as a never-verified candidate.
    let people = try await Self.people(client, sandbox)
    #expect(people.count >= 40)
    let databasePath = directory.appendingPathComponent("talentwatch.db").path
    let database = try Database(path: databasePath)
    try await database.write { connection in
      _ = try Migrator(Schema.migrations).migrate(connection)
      for url in people {
        _ = try CandidateIdentityStore.ensure(
          provider: "crustdata", providerID: nil, profileURL: url, now: Date(), in: connection)
      }
    }
    database.close()
    let configPath = directory.appendingPathComponent("talentwatch.json").path
    try Data(
      """
      {"database": "\(databasePath)", "log_level": "info",
       "provider": {"kind": "crustdata", "base_url": "\(sandbox.baseURL)", "api_key": "\(SandboxProcess.apiKey)",
                    "requests_per_minute": 100000, "batch_size": 4, "credits_per_day": 1000,
                    "timeout_seconds": 1, "max_attempts": 4}}
      """.utf8
    ).write(to: URL(fileURLWithPath: configPath))

    // First run: wait (polling the sandbox's log and our database) until some items are done and a slow
    // call has been answered by nobody yet, then SIGKILL.
    let first = try Self.refreshRun(configPath: configPath, directory: directory)
    let deadline = ContinuousClock.now + .seconds(60)
    var killedWithProgress = false
    while ContinuousClock.now < deadline, first.isRunning {
      let log = sandbox.log
      let answered = log.range(of: "enrich answered")
      let slowAfterProgress = answered.map { log[$0.upperBound...].contains("\"slow\"") } ?? false
      if slowAfterProgress {
        kill(first.processIdentifier, SIGKILL)
        killedWithProgress = true
        break
      }
      try await Task.sleep(for: .milliseconds(5))
    }
    first.waitUntilExit()
    #expect(killedWithProgress, "the run finished before a slow call could be interrupted")
    #expect(first.terminationReason == .uncaughtSignal)
    let afterKill = try Self.states(databasePath)
    #expect((afterKill["done"] ?? 0) > 0)
    #expect((afterKill["in_flight"] ?? 0) > 0, "killed while a batch was in flight: \(afterKill)")
    #expect((afterKill["done"] ?? 0) < people.count)

    // Restart until nothing is left planned (a batch can fail all its attempts and wait for a later run).
    for _ in 0..<6 {
      let again = try Self.refreshRun(configPath: configPath, directory: directory)
      again.waitUntilExit()
      #expect(again.terminationStatus == 0)
      let states = try Self.states(databasePath)
      if states["planned"] == nil && states["in_flight"] == nil { break }
    }

    let final = try Self.states(databasePath)
    #expect(final == ["done": people.count], "every item done: \(final)")
    let (total, entries) = try await calls.credits()
    var billed: [String: Int] = [:]
    for entry in entries {
      for url in entry["profiles"] as? [String] ?? [] { billed[url, default: 0] += 1 }
    }
    #expect(total == people.count)
    #expect(billed.count == people.count)
    #expect(
      billed.values.allSatisfy { $0 == 1 },
      "billed more than once: \(billed.filter { $0.value > 1 })")
    let verified = try Connection(path: databasePath, readOnly: true).queryOne(
      "SELECT COUNT(*), (SELECT COALESCE(SUM(credits), 0) FROM credit_ledger) FROM candidates WHERE last_verified_at IS NOT NULL"
    )
    #expect(verified?.int(0) == Int64(people.count))
    #expect(verified?.double(1) == Double(people.count))
  }

  /// The sandbox's people's profile URLs.
  private static func people(_ client: HTTPClient, _ sandbox: SandboxProcess) async throws
    -> [String]
  {
    let response = try await client.send(
      HTTPClientRequest(url: sandbox.baseURL + "/_sandbox/people"))
    let json = try JSONSerialization.jsonObject(with: Data(response.body))
    let list =
      (json as? [[String: Any]]) ?? ((json as? [String: Any])?["people"] as? [[String: Any]]) ?? []
    return list.compactMap { $0["profile_url"] as? String }
  }

  /// Starts `talentwatch --config FILE refresh run` in `directory`.
  private static func refreshRun(configPath: String, directory: URL) throws -> Process {
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "talentwatch")
    process.arguments = ["--config", configPath, "refresh", "run"]
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Plan item counts by state.
  private static func states(_ path: String) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for row in try Connection(path: path, readOnly: true).query(
      "SELECT state, COUNT(*) FROM plan_items GROUP BY state")
    {
      if let state = row.text(0) { counts[state] = Int(row.int(1) ?? 0) }
    }
    return counts
  }
}
