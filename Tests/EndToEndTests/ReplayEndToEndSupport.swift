import Domain
import Foundation
import Storage
import TestSupport

/// A `serve` sandbox with one source per fixture format (the source names the fixtures' meta files
/// suggest), secrets chosen here, and a way to run the `talentwatch` CLI against it as a child process.
struct ReplaySandbox {
  let directory: URL
  let configPath: String
  let databasePath: String

  static let standardSecret = "whsec_cmVwbGF5LXRlc3Qtc2VjcmV0LWZvci1zdGFuZGFyZA=="
  static let crustdataKey = "cd_replay_test_api_key_7f3a"
  /// Fixture folder → source name.
  static let sources = [
    "canonical": "partner", "crustdata-watch": "crustdata",
    "crustdata-legacy-watcher": "crustdata-legacy", "coresignal": "coresignal",
    "tamradar": "tamradar",
  ]
  static var fixturesRoot: URL {
    ProductBinary.packageRoot.appendingPathComponent("fixtures/webhooks")
  }

  init(formatOverrides: [String: String] = [:]) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-replay-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    databasePath = directory.appendingPathComponent("var/talentwatch.db").path
    configPath = directory.appendingPathComponent("talentwatch.json").path
    try writeConfig(formatOverrides: formatOverrides)
  }

  /// (Re)writes the configuration; `formatOverrides` maps a source name to a (possibly wrong) format.
  func writeConfig(formatOverrides: [String: String] = [:]) throws {
    let sources = Self.sources.sorted { $0.key < $1.key }.map { format, name in
      let scheme = name.hasPrefix("crustdata") ? "crustdata" : "standard-webhooks"
      let secret = scheme == "crustdata" ? Self.crustdataKey : Self.standardSecret
      return """
        {"name": "\(name)", "scheme": "\(scheme)", "format": "\(formatOverrides[name] ?? format)", \
        "secrets": ["\(secret)"]}
        """
    }
    let config = """
      {"listen": "127.0.0.1:0", "database": "\(databasePath)", "log_level": "warning",
       "pepper": "a-replay-test-pepper", "sources": [\(sources.joined(separator: ", "))]}
      """
    try config.write(toFile: configPath, atomically: true, encoding: .utf8)
  }

  func start() throws -> ServeProcess {
    try ServeProcess(configPath: configPath, directory: directory)
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// Registers the fictional people of `fixtures/README.md` as candidates we hold.
  func seedCandidates() async throws {
    let database = try Database(path: databasePath, readerCount: 1)
    defer { database.close() }
    let people = [
      ("4815162342", "maya-okafor"), ("4815162343", "daniel-lindqvist-4a1b2c"),
      ("4815162344", "priya-raman-ml"), ("4815162345", "tomas-herrera-dev"),
      ("4815162346", "sofia-marchetti"), ("4815162347", "jonas-becker-data"),
      ("4815162348", "aiko-tanaka"), ("4815162349", "liam-oconnor-pm"),
    ]
    try await database.write { connection in
      for (id, slug) in people {
        _ = try CandidateIdentityStore.ensure(
          provider: "crustdata", providerID: id, profileURL: "https://www.linkedin.com/in/\(slug)",
          now: Date(), in: connection)
      }
      _ = try CandidateIdentityStore.ensure(
        provider: "crustdata", providerID: nil,
        profileURL: "https://www.linkedin.com/in/fatima-el-idrissi", now: Date(), in: connection)
    }
  }

  /// Waits until `count` deliveries are stored and none is pending (the server processes them soon after
  /// acknowledging); polls the database, with a deadline.
  func waitUntilProcessed(count: Int) async throws {
    let database = try Database(path: databasePath, readerCount: 1, readOnly: true)
    defer { database.close() }
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
      let (stored, pending) = try await database.read { connection in
        let stored = try connection.queryOne("SELECT count(*) FROM inbox")?.int(0) ?? 0
        let pending =
          try connection.queryOne("SELECT count(*) FROM inbox WHERE status = 'pending'")?.int(0)
          ?? 0
        return (stored, pending)
      }
      if stored >= count && pending == 0 { return }
      try await Task.sleep(for: .milliseconds(20))
    }
    throw Timeout()
  }

  /// The stored deliveries of one source, by delivery id.
  func entries(source: String) async throws -> [String: InboxEntry] {
    let database = try Database(path: databasePath, readerCount: 1, readOnly: true)
    defer { database.close() }
    let list = try await database.read { connection in
      try InboxStore.list(InboxFilter(source: source, limit: 10_000), in: connection)
    }
    return Dictionary(list.map { ($0.deliveryID, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The signals written from one delivery.
  func signals(inboxID: Int64) async throws -> [Signal] {
    let database = try Database(path: databasePath, readerCount: 1, readOnly: true)
    defer { database.close() }
    return try await database.read { try InboxStore.signals(inboxID: inboxID, in: $0) }.map(
      \.signal)
  }

  struct Timeout: Error {}
}

/// What a `talentwatch` child process printed and returned.
struct CLIChildResult {
  let status: Int32
  let standardOutput: String
  let standardError: String

  /// The output lines.
  var lines: [String] { standardOutput.split(separator: "\n").map(String.init) }
}

/// Runs `talentwatch arguments` as a child process in `directory`, stdout and stderr into files (so a
/// large output never blocks on a pipe); `sample` is called with the pid while it runs.
func runTalentwatch(
  _ arguments: [String], in directory: URL, environment: [String: String] = [:],
  sample: (@Sendable (Int32) -> Void)? = nil
) throws -> CLIChildResult {
  let process = Process()
  process.executableURL = try ProductBinary.url(named: "talentwatch")
  process.arguments = arguments
  process.currentDirectoryURL = directory
  process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
  let tag = UUID().uuidString.prefix(8)
  let outPath = directory.appendingPathComponent("cli-\(tag).out")
  let errPath = directory.appendingPathComponent("cli-\(tag).err")
  _ = FileManager.default.createFile(atPath: outPath.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
  let out = try FileHandle(forWritingTo: outPath)
  let err = try FileHandle(forWritingTo: errPath)
  defer {
    try? out.close()
    try? err.close()
  }
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  if let sample {
    while process.isRunning {
      sample(process.processIdentifier)
      usleep(20_000)
    }
  }
  process.waitUntilExit()
  let result = CLIChildResult(
    status: process.terminationStatus,
    standardOutput: (try? String(contentsOf: outPath, encoding: .utf8)) ?? "",
    standardError: (try? String(contentsOf: errPath, encoding: .utf8)) ?? "")
  try? FileManager.default.removeItem(at: outPath)
  try? FileManager.default.removeItem(at: errPath)
  return result
}

/// The peak resident set (VmHWM, in kB) of a running process, from `/proc/<pid>/status`; nil once it is gone.
func peakResidentKilobytes(pid: Int32) -> Int? {
  guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
    return nil
  }
  for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    return Int(line.filter(\.isNumber))
  }
  return nil
}

/// Writes `text` to a new file with plain stdio (200,000 small files: Foundation's `Data.write` is too
/// slow for that in a debug build).
func writeSmallFile(_ path: String, _ text: String) throws {
  guard let file = fopen(path, "wb") else { throw WriteFailed(path: path) }
  var bytes = Array(text.utf8)
  let written = fwrite(&bytes, 1, bytes.count, file)
  guard fclose(file) == 0, written == bytes.count else { throw WriteFailed(path: path) }
}

/// A generated fixture could not be written.
struct WriteFailed: Error {
  let path: String
}
