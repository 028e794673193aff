import Foundation
import Storage
import Synchronization
import TestSupport
import Testing

@Suite("talentwatch replay and inbox commands against a real serve child process")
struct ReplayEndToEndTests {
  /// Every fixture folder, each with its source and how many deliveries it holds.
  static func folders() throws -> [(folder: String, source: String, count: Int)] {
    try ReplaySandbox.sources.sorted { $0.key < $1.key }.map { folder, source in
      let files = try FileManager.default.contentsOfDirectory(
        atPath: ReplaySandbox.fixturesRoot.appendingPathComponent(folder).path)
      return (folder, source, files.filter { $0.hasSuffix(".body") }.count)
    }
  }

  static func summary(_ result: CLIChildResult) -> String {
    result.lines.last { $0.hasPrefix("replayed ") } ?? "no summary: \(result.standardError)"
  }

  @Test("every fixture folder replays accepted, then duplicate, then accepted again with --new-ids")
  func replayEveryFolder() async throws {
    let sandbox = try ReplaySandbox()
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    for (folder, source, count) in try Self.folders() {
      let path = ReplaySandbox.fixturesRoot.appendingPathComponent(folder).path
      // The secret comes from the configuration (the source name matches).
      let arguments = [
        "replay", path, "--to", server.baseURL, "--source", source, "--config", sandbox.configPath,
      ]
      let first = try runTalentwatch(arguments, in: sandbox.directory)
      #expect(first.status == 0, "\(folder): \(first.standardOutput) \(first.standardError)")
      #expect(
        Self.summary(first).hasPrefix(
          "replayed \(count): accepted \(count), duplicate 0, rejected 0, failed 0"),
        "\(folder): \(Self.summary(first))")
      #expect(first.lines.filter { $0.contains("  accepted 202  ") }.count == count)

      let second = try runTalentwatch(arguments, in: sandbox.directory)
      #expect(second.status == 0)
      #expect(
        Self.summary(second).hasPrefix(
          "replayed \(count): accepted 0, duplicate \(count), rejected 0, failed 0"),
        "\(folder): \(Self.summary(second))")

      let renewed = try runTalentwatch(
        arguments + ["--new-ids", "--concurrency", "2"], in: sandbox.directory)
      #expect(renewed.status == 0)
      #expect(
        Self.summary(renewed).hasPrefix("replayed \(count): accepted \(count), duplicate 0"),
        "\(folder): \(Self.summary(renewed))")
    }
    // Every delivery is stored twice per folder: once with its own id, once with a fresh suffix.
    let total = try Self.folders().reduce(0) { $0 + $1.count }
    try await sandbox.waitUntilProcessed(count: 2 * total)
  }

  @Test("a wrong secret is rejected with 401 on every delivery and the replay exits 1")
  func wrongSecret() async throws {
    let sandbox = try ReplaySandbox()
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    let path = ReplaySandbox.fixturesRoot.appendingPathComponent("crustdata-watch").path
    let result = try runTalentwatch(
      [
        "replay", path, "--to", server.baseURL, "--source", "crustdata", "--secret-env",
        "WRONG_KEY",
        "--config", sandbox.configPath,
      ], in: sandbox.directory, environment: ["WRONG_KEY": "not-the-api-key"])
    #expect(result.status == 1)
    let count = try Self.folders().first { $0.folder == "crustdata-watch" }?.count ?? 0
    #expect(
      Self.summary(result).hasPrefix(
        "replayed \(count): accepted 0, duplicate 0, rejected \(count), failed 0"),
      "\(Self.summary(result))")
    #expect(result.lines.filter { $0.contains("  rejected 401  ") }.count == count)
    #expect(!result.standardOutput.contains("not-the-api-key"))
    #expect(try await sandbox.entries(source: "crustdata").isEmpty)
  }

  @Test(
    "--from-inbox turns deliveries quarantined under a misconfigured format into signals once the source is fixed"
  )
  func fromInboxAfterFix() async throws {
    // The operator configured the tamradar source with the crustdata-watch format by mistake: every
    // TAMradar delivery verifies, is stored (202), and is quarantined ("results: missing").
    let sandbox = try ReplaySandbox(formatOverrides: ["tamradar": "crustdata-watch"])
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    try await sandbox.seedCandidates()
    let path = ReplaySandbox.fixturesRoot.appendingPathComponent("tamradar").path
    let sent = try runTalentwatch(
      [
        "replay", path, "--to", server.baseURL, "--source", "tamradar", "--config",
        sandbox.configPath,
      ],
      in: sandbox.directory)
    #expect(sent.status == 0, "\(sent.standardOutput)")
    try await sandbox.waitUntilProcessed(count: 3)
    let quarantined = try await sandbox.entries(source: "tamradar")
    #expect(quarantined.count == 3)
    #expect(quarantined.values.allSatisfy { $0.status == .quarantined })
    server.send(SIGTERM)
    #expect(server.waitForExit() == 0)

    // Re-processing with the configuration still wrong changes nothing and exits 1.
    let unchanged = try runTalentwatch(
      ["replay", "--from-inbox", "--status", "quarantined", "--config", sandbox.configPath],
      in: sandbox.directory)
    #expect(unchanged.status == 1)
    #expect(unchanged.lines.last?.contains("quarantined 3") == true, "\(unchanged.standardOutput)")

    // The operator fixes the source's format and re-processes the quarantined deliveries in place.
    try sandbox.writeConfig()
    let fixed = try runTalentwatch(
      [
        "replay", "--from-inbox", "--status", "quarantined", "--source", "tamradar",
        "--config", sandbox.configPath,
      ], in: sandbox.directory)
    #expect(fixed.status == 0, "\(fixed.standardOutput) \(fixed.standardError)")
    #expect(fixed.lines.filter { $0.contains("format crustdata-watch → tamradar") }.count == 3)
    #expect(fixed.lines.filter { $0.contains("quarantined → processed") }.count == 3)
    let after = try await sandbox.entries(source: "tamradar")
    #expect(after.values.allSatisfy { $0.status == .processed && $0.format == "tamradar" })
    for entry in after.values {
      let signals = try await sandbox.signals(inboxID: entry.id)
      #expect(signals.count == 1, "\(entry.deliveryID)")
      #expect(signals.first?.kind == .jobChanged)
    }

    // Re-processing again is idempotent: no second signal.
    let again = try runTalentwatch(
      ["replay", "--from-inbox", "--source", "tamradar", "--config", sandbox.configPath],
      in: sandbox.directory)
    #expect(again.status == 0)
    for entry in try await sandbox.entries(source: "tamradar").values {
      #expect(try await sandbox.signals(inboxID: entry.id).count == 1)
    }
  }

  @Test("inbox export writes a fixture that replays into the same signals")
  func exportThenReplay() async throws {
    let sandbox = try ReplaySandbox()
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    try await sandbox.seedCandidates()
    let path = ReplaySandbox.fixturesRoot.appendingPathComponent(
      "crustdata-watch/run-seven-people.body"
    )
    .path
    let sent = try runTalentwatch(
      [
        "replay", path, "--to", server.baseURL, "--source", "crustdata", "--config",
        sandbox.configPath,
      ],
      in: sandbox.directory)
    #expect(sent.status == 0)
    try await sandbox.waitUntilProcessed(count: 1)
    let original = try #require(try await sandbox.entries(source: "crustdata").values.first)
    let originalSignals = try await sandbox.signals(inboxID: original.id)
    #expect(originalSignals.count == 8)

    // inbox list --json and inbox show name it.
    let listed = try runTalentwatch(
      ["inbox", "list", "--json", "--source", "crustdata", "--config", sandbox.configPath],
      in: sandbox.directory)
    #expect(listed.status == 0)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
    #expect(array.count == 1)
    #expect(array.first?["delivery_id"] as? String == original.deliveryID)
    #expect(array.first?["status"] as? String == "processed")
    #expect((array.first?["received_at"] as? String)?.hasSuffix("Z") == true)
    let shown = try runTalentwatch(
      ["inbox", "show", String(original.id), "--config", sandbox.configPath], in: sandbox.directory)
    #expect(shown.status == 0)
    #expect(shown.standardOutput.contains("signals      8"))
    #expect(!shown.standardOutput.contains("\"results\""))

    let out = sandbox.directory.appendingPathComponent("exported")
    let exported = try runTalentwatch(
      ["inbox", "export", String(original.id), "--out", out.path, "--config", sandbox.configPath],
      in: sandbox.directory)
    #expect(exported.status == 0, "\(exported.standardError)")
    let bodyFile = out.appendingPathComponent("crustdata-\(original.deliveryID).body")
    #expect(
      FileManager.default.contents(atPath: bodyFile.path)
        == FileManager.default.contents(atPath: path))

    // The exported fixture, replayed under a fresh id, yields the same signals.
    let replayed = try runTalentwatch(
      [
        "replay", out.path, "--to", server.baseURL, "--source", "crustdata", "--new-ids",
        "--config", sandbox.configPath,
      ], in: sandbox.directory)
    #expect(replayed.status == 0, "\(replayed.standardOutput)")
    try await sandbox.waitUntilProcessed(count: 2)
    let copy = try #require(
      try await sandbox.entries(source: "crustdata").values.first { $0.id != original.id })
    #expect(copy.deliveryID.hasPrefix(original.deliveryID + "-r"))
    #expect(try await sandbox.signals(inboxID: copy.id) == originalSignals)
  }

  @Test("a dry run over 100,000 generated fixtures keeps the child's peak memory under 100 MB")
  func memoryStaysFlat() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-replay-mem-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let count = 100_000
    for shard in 0..<100 {
      let folder = directory.appendingPathComponent(String(format: "%02d", shard))
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let folderPath = folder.path
      for index in 0..<(count / 100) {
        let id = "msg_mem_\(shard)_\(index)"
        let body =
          #"{"type":"person.changed","timestamp":"2026-11-30T06:00:00Z","data":{"person":{"provider":"crustdata","id":"\#(index)"}}}"#
        // Bodies only: without a meta file the delivery id is the file's stem (--scheme names the scheme).
        try writeSmallFile(folderPath + "/\(id).body", body)
      }
    }
    let peak = Mutex(0)
    let result = try runTalentwatch(
      [
        "replay", directory.path, "--source", "partner", "--scheme", "standard-webhooks",
        "--dry-run",
        "--secret",
        ReplaySandbox.standardSecret, "--db", directory.appendingPathComponent("unused.db").path,
      ], in: directory,
      sample: { pid in
        if let kilobytes = peakResidentKilobytes(pid: pid) {
          peak.withLock { $0 = max($0, kilobytes) }
        }
      })
    #expect(result.status == 0, "\(result.standardError)")
    #expect(
      result.lines.last?.hasPrefix("dry run: \(count) signed, nothing sent; failed 0") == true)
    let kilobytes = peak.withLock { $0 }
    print("replay --dry-run of \(count) fixtures: peak RSS (VmHWM) \(kilobytes) kB")
    #expect(kilobytes > 0)
    #expect(kilobytes < 100 * 1024)
  }
}
