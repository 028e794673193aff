import Foundation
import Testing

@testable import App

@Suite("replay: command line, fixture discovery and answers")
struct ReplayCommandTests {
  static let secret = "whsec_cmVwbGF5LXRlc3Qtc2VjcmV0LWZvci1zdGFuZGFyZA=="
  static var canonicalFixtures: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("fixtures/webhooks/canonical").path
  }

  @Test(
    "bad combinations and values are usage errors (exit 2) naming the problem",
    arguments: [
      (["replay"], "missing PATH"),
      (["replay", "x.body", "--to", "http://127.0.0.1:1"], "missing --source"),
      (["replay", "x.body", "--source", "partner"], "missing --to"),
      (
        ["replay", "x.body", "--source", "p", "--to", "u", "--keep-ids", "--new-ids"],
        "exclude each other"
      ),
      (
        ["replay", "x.body", "--source", "p", "--to", "u", "--secret", "a", "--secret-env", "B"],
        "exclude each other"
      ),
      (["replay", "x.body", "--source", "p", "--to", "u", "--rate", "0"], "--rate"),
      (
        ["replay", "x.body", "--source", "p", "--to", "u", "--concurrency", "many"], "--concurrency"
      ),
      (["replay", "x.body", "--source", "p", "--to", "u", "--scheme", "hmac"], "--scheme"),
      (
        ["replay", "x.body", "--source", "p", "--to", "u", "--status", "processed"],
        "need --from-inbox"
      ),
      (["replay", "--from-inbox", "x.body"], "takes no PATH"),
      (["replay", "--from-inbox", "--to", "http://127.0.0.1:1"], "--to does not apply"),
      (["replay", "--from-inbox", "--dry-run"], "--dry-run does not apply"),
      (["replay", "--from-inbox", "--keep-ids"], "--keep-ids does not apply"),
      (["replay", "--from-inbox", "--concurrency", "2"], "--concurrency does not apply"),
      (["replay", "--from-inbox", "--status", "lost"], "--status"),
      (["replay", "--from-inbox", "--since", "yesterday"], "--since"),
      (["replay", "--from-inbox", "--ids", "7,x"], "--ids"),
    ])
  func usageErrors(arguments: [String], message: String) async throws {
    let run = try await runCLI(arguments)
    #expect(run.status == 2, "\(arguments)")
    #expect(run.standardError.contains(message), "\(run.standardError)")
    #expect(run.standardError.contains("Usage: talentwatch replay"))
  }

  @Test("without --secret, --secret-env or a configured source there is nothing to sign with")
  func noSecret() async throws {
    let run = try await runCLI([
      "replay", Self.canonicalFixtures, "--source", "nobody", "--dry-run",
    ])
    #expect(run.status == 2)
    #expect(run.standardError.contains("no secret"))
    let unset = try await runCLI([
      "replay", Self.canonicalFixtures, "--source", "nobody", "--dry-run", "--secret-env",
      "NOT_SET",
    ])
    #expect(unset.status == 2)
    #expect(unset.standardError.contains("NOT_SET is not set"))
  }

  @Test("a path that does not exist fails with exit 1 before anything is sent")
  func missingPath() async throws {
    let run = try await runCLI([
      "replay", "/nonexistent/fixtures", "--source", "p", "--secret", Self.secret, "--dry-run",
    ])
    #expect(run.status == 1)
    #expect(run.standardError.contains("no such file or folder"))
  }

  @Test(
    "--dry-run reads and signs every fixture of a folder, prints one line each and sends nothing")
  func dryRun() async throws {
    let run = try await runCLI([
      "replay", Self.canonicalFixtures, "--source", "partner", "--secret", Self.secret, "--dry-run",
    ])
    #expect(run.status == 0, "\(run.standardError)")
    let lines = run.standardOutput.split(separator: "\n")
    #expect(lines.filter { $0.contains("  dry-run  ") }.count == 6)
    #expect(lines.contains { $0.hasPrefix("msg_2qA1b2C3d4E5f6G7h8J9k0LmNp  dry-run") })
    #expect(lines.last?.hasPrefix("dry run: 6 signed, nothing sent; failed 0") == true)
    #expect(!run.standardOutput.contains(Self.secret))
  }

  @Test("--ids accepts repeated, comma-separated and space-separated ids")
  func idForms() throws {
    var arguments = CommandArguments()
    arguments.flags = ["from-inbox"]
    arguments.options = ["ids": ["3,4", "5"]]
    arguments.positionals = ["PATH": ["6"]]
    let command = try ReplayCommand(arguments: arguments)
    try command.validate()
    #expect(command.selection.ids == [3, 4, 5, 6])
    #expect(command.paths.isEmpty)
  }

  @Test("fixtures are found in sorted order, folders recursively, globs expanded, each once")
  func walkerOrder() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try FileManager.default.createDirectory(
      atPath: directory.path + "/b/nested", withIntermediateDirectories: true)
    for name in ["b/z.body", "b/a.body", "b/nested/m.body", "c.body", "c.meta.json", "b/notes.txt"]
    {
      try directory.write(name, "{}")
    }
    let found = try ReplayFixtureWalker.bodyPaths([
      directory.path + "/b", directory.path + "/c.meta.json", directory.path + "/b/*.body",
    ])
    #expect(
      found == [
        directory.path + "/b/a.body", directory.path + "/b/nested/m.body",
        directory.path + "/b/z.body", directory.path + "/c.body",
      ])
    #expect(throws: ReplayError.self) {
      try ReplayFixtureWalker.bodyPaths([directory.path + "/q*"])
    }
    #expect(throws: ReplayError.self) {
      try ReplayFixtureWalker.bodyPaths([directory.path + "/b/notes.txt"])
    }
  }

  @Test(
    "a fixture's delivery id and scheme come from its meta file, else the id is the file's stem")
  func fixtureMeta() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let withMeta = try directory.write("one.body", "{\"a\":1}")
    try directory.write("one.meta.json", #"{"delivery_id": "evt_1", "scheme": "crustdata"}"#)
    let bare = try directory.write("two.body", "x")
    let one = try ReplayFixture(bodyPath: withMeta)
    #expect(one.deliveryID == "evt_1")
    #expect(one.scheme == "crustdata")
    #expect(try one.readBody() == Array("{\"a\":1}".utf8))
    let two = try ReplayFixture(bodyPath: bare)
    #expect(two.deliveryID == "two")
    #expect(two.scheme == nil)
  }

  @Test("answers are classified: 202 accepted, 200 duplicate, 4xx rejected, 5xx failed")
  func answers() {
    #expect(ReplayAnswer.classify(status: 202, body: []) == .accepted)
    #expect(
      ReplayAnswer.classify(status: 200, body: Array(#"{"status":"duplicate","id":3}"#.utf8))
        == .duplicate)
    #expect(ReplayAnswer.classify(status: 401, body: []) == .rejected)
    #expect(ReplayAnswer.classify(status: 404, body: []) == .rejected)
    #expect(ReplayAnswer.classify(status: 503, body: []) == .failed)
    var tally = ReplayTally()
    for answer in [ReplayAnswer.accepted, .duplicate, .rejected] { tally.count(answer) }
    #expect(tally.total == 3)
    #expect(tally.hasFailures)
  }

  @Test("--to takes a base URL or a full webhook URL")
  func targetURL() {
    #expect(
      ReplayCommand.webhookURL("http://127.0.0.1:8080", source: "partner")
        == "http://127.0.0.1:8080/webhooks/partner")
    #expect(
      ReplayCommand.webhookURL("http://127.0.0.1:8080/", source: "partner")
        == "http://127.0.0.1:8080/webhooks/partner")
    #expect(
      ReplayCommand.webhookURL("http://h/webhooks/other", source: "partner")
        == "http://h/webhooks/other")
  }

  @Test("--since reads RFC 3339 times and ages")
  func since() {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    #expect(ReplayTime.parseSince("24h", now: now) == now.addingTimeInterval(-86_400))
    #expect(ReplayTime.parseSince("30m", now: now) == now.addingTimeInterval(-1800))
    #expect(
      ReplayTime.parseSince("2026-12-01T00:00:00Z", now: now)
        == Date(timeIntervalSince1970: 1_796_083_200))
    #expect(
      ReplayTime.parseSince("2026-12-01T01:00:00.500+01:00", now: now)
        == Date(timeIntervalSince1970: 1_796_083_200.5))
    #expect(ReplayTime.parseSince("soon", now: now) == nil)
    #expect(
      ReplayTime.format(Date(timeIntervalSince1970: 1_796_083_200.25)) == "2026-12-01T00:00:00.250Z"
    )
  }

  @Test("the pacer hands out slots 1/rate apart and indexes in order")
  func pacer() async {
    let pacer = ReplayPacer(rate: 200)
    let started = ContinuousClock.now
    for _ in 0..<11 { await pacer.wait() }
    // Eleven slots at 200/s: the last is 50 ms after the first.
    #expect(ContinuousClock.now - started >= .milliseconds(49))
    let claimed: [Int] = [pacer.claim(), pacer.claim(), pacer.claim()]
    #expect(claimed == [0, 1, 2])
  }
}
