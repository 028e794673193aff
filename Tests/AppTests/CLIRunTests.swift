import Foundation
import Logging
import Synchronization
import Testing

@testable import App

/// How many times `RecordingCommand.run` was entered, across tests (only the one test below runs it).
private let recordingRuns = Mutex(0)

/// A command that records that it ran and fails in the way its flags ask.
private struct RecordingCommand: Command {
  static let name = "record"
  static let abstract = "Records runs."
  static let options: [CommandOption] = [
    .flag("refuse", help: "Fail validation."), .flag("fail", help: "Throw from run."),
    .flag("misuse", help: "Throw a usage error from run."),
  ]
  static let loadsConfiguration = true

  let arguments: CommandArguments

  init(arguments: CommandArguments) throws(UsageError) { self.arguments = arguments }

  func validate() throws(UsageError) {
    if arguments.flag("refuse") { throw UsageError("refused") }
  }

  func run(_ context: CommandContext) async throws -> Int32 {
    recordingRuns.withLock { $0 += 1 }
    if arguments.flag("fail") { throw CocoaError(.fileNoSuchFile) }
    if arguments.flag("misuse") { throw UsageError("late usage error") }
    context.output.print(try context.requireConfiguration().database)
    return 0
  }
}

@Suite("CLI: running commands in-process")
struct CLIRunTests {
  @Test("version prints the program and version; --json prints an object")
  func version() async throws {
    let plain = try await runCLI(["version"])
    #expect(plain.status == 0)
    #expect(plain.standardOutput == "talentwatch \(TalentwatchCLI.version)\n")
    #expect(plain.standardError.isEmpty)
    let json = try await runCLI(["version", "--json"])
    let object =
      try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: String]
    #expect(object == ["name": "talentwatch", "version": TalentwatchCLI.version])
  }

  @Test("a usage error prints one line and the command's usage on stderr, and exits 2")
  func usageErrorOutput() async throws {
    let run = try await runCLI(["serve", "--colour"])
    #expect(run.status == 2)
    #expect(run.standardOutput.isEmpty)
    let lines = run.standardError.split(separator: "\n")
    #expect(lines.first == #"talentwatch: unknown option "--colour""#)
    #expect(
      lines.dropFirst().first == "Usage: talentwatch serve [--listen HOST:PORT] [global options]")
  }

  @Test("help goes to stdout and exits 0, for the overview and for a command")
  func helpOutput() async throws {
    let overview = try await runCLI(["help"])
    #expect(overview.status == 0 && overview.standardOutput.contains("Commands:"))
    let serve = try await runCLI(["serve", "--help"])
    #expect(serve.status == 0 && serve.standardOutput.contains("--listen HOST:PORT"))
    #expect(serve.standardOutput.contains("--config FILE"))
  }

  @Test(
    "a configuration error exits 1 with the file and key path on stderr, and is not a usage error")
  func configurationError() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("talentwatch.json", #"{"sources": [{"name": "a", "scheme": "foo"}]}"#)
    let run = try await runCLI(["migrate"], directory: directory)
    #expect(run.status == 1)
    #expect(
      run.standardError
        == "talentwatch: configuration error in talentwatch.json: sources[0].scheme: unknown scheme \"foo\" "
        + "(expected one of crustdata, github, standard-webhooks)\n")
  }

  @Test("commands that need no configuration run even when the configuration is broken")
  func versionIgnoresConfiguration() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("talentwatch.json", "not json")
    #expect(try await runCLI(["version"], directory: directory).status == 0)
  }

  @Test("--db replaces the configured database for the command it is given to")
  func databaseOverride() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/other.db"
    let migrate = try await runCLI(["--db", path, "migrate"], directory: directory)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(migrate.status == 0)
    #expect(migrate.logLines.contains { $0.contains(#""migrations.applied""#) })
    #expect(migrate.standardOutput.contains("migration"))
  }

  @Test("validate() stops a command before it runs; run's errors exit 1, its usage errors 2")
  func exitStatuses() async throws {
    let commands: [any Command.Type] = [RecordingCommand.self]
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    func run(_ arguments: [String]) async -> (Int32, String, String) {
      let recorder = CLIOutputRecorder()
      let status = await TalentwatchCLI.run(
        arguments: arguments, environment: [:], output: recorder.output,
        logSink: Logger.MemorySink(),
        workingDirectory: directory.path, commands: commands)
      return (status, recorder.standardOutput, recorder.standardError)
    }
    let before = recordingRuns.withLock { $0 }
    #expect(await run(["record", "--refuse"]).0 == 2)
    #expect(recordingRuns.withLock { $0 } == before)
    let ok = await run(["record", "--db", "chosen.db"])
    #expect(ok.0 == 0 && ok.1 == "chosen.db\n")
    let failed = await run(["record", "--fail"])
    #expect(failed.0 == 1 && failed.2.hasPrefix("talentwatch: error: "))
    #expect(await run(["record", "--misuse"]).0 == 2)
    #expect(recordingRuns.withLock { $0 } == before + 3)
  }
}
