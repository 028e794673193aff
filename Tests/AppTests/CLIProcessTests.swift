import Foundation
import TestSupport
import Testing

/// What a child process printed and how it exited.
private struct ChildRun {
  let status: Int32
  let standardOutput: String
  let standardError: String
}

/// Runs the real binary with `arguments` in `directory`, with only `PATH` and `environment` set.
private func runBinary(
  _ arguments: [String], in directory: TemporaryDirectory, environment: [String: String] = [:]
) throws -> ChildRun {
  let process = Process()
  process.executableURL = try ProductBinary.url(named: "talentwatch")
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
  process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  // Outputs here are a few lines, far below a pipe's buffer, so reading after each other cannot block.
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ChildRun(
    status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
    standardError: String(decoding: errData, as: UTF8.self))
}

@Suite("CLI: the real talentwatch binary in a child process")
struct CLIProcessTests {
  @Test("usage errors exit 2 with a one-line error and the usage on stderr")
  func usageErrorsExit2() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for arguments in [
      [], ["frobnicate"], ["serve", "--colour"], ["serve", "--listen"],
      ["serve", "--listen", "nowhere"],
      ["version", "extra"], ["help", "nothing"],
    ] {
      let run = try runBinary(arguments, in: directory)
      #expect(run.status == 2, "\(arguments) exited \(run.status)")
      #expect(run.standardError.hasPrefix("talentwatch: "), "\(arguments): \(run.standardError)")
      #expect(run.standardError.contains("Usage: talentwatch"))
      #expect(run.standardOutput.isEmpty)
    }
  }

  @Test("version and --help exit 0 and print on stdout")
  func successExit0() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let version = try runBinary(["version"], in: directory)
    #expect(version.status == 0)
    #expect(version.standardOutput.hasPrefix("talentwatch "))
    let json = try runBinary(["version", "--json"], in: directory)
    #expect(json.status == 0 && json.standardOutput.contains(#""version":"#))
    for arguments in [["--help"], ["serve", "--help"], ["help", "migrate"], ["-h"]] {
      let run = try runBinary(arguments, in: directory)
      #expect(run.status == 0, "\(arguments) exited \(run.status)")
      #expect(run.standardOutput.contains("Usage: talentwatch"))
      #expect(run.standardError.isEmpty)
    }
  }

  @Test("a bad configuration file exits 1 with its key path on stderr")
  func badConfigurationExit1() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(
      "bad.json",
      #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["whsec_keep_me_out"]},"#
        + #"{"name": "b", "scheme": "github", "format": "canonical", "secrets": ["", "x"]}]}"#)
    let run = try runBinary(["serve", "--config", "bad.json"], in: directory)
    #expect(run.status == 1)
    #expect(
      run.standardError
        == "talentwatch: configuration error in bad.json: sources[1].secrets[0]: empty secret\n")
    #expect(!run.standardError.contains("whsec_keep_me_out"))

    try directory.write("env.json", #"{"pepper": "env:TW_TEST_PEPPER"}"#)
    let missing = try runBinary(["migrate", "--config", "env.json"], in: directory)
    #expect(missing.status == 1)
    #expect(
      missing.standardError.contains("pepper: environment variable TW_TEST_PEPPER is not set"))
    let present = try runBinary(
      ["migrate", "--config", "env.json"], in: directory,
      environment: ["TW_TEST_PEPPER": "pepper-from-the-environment"])
    #expect(!present.standardError.contains("configuration error"))
    #expect(!present.standardError.contains("pepper-from-the-environment"))
  }

  @Test("log lines reach stderr as one JSON object per line")
  func logLinesOnStderr() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let run = try runBinary(["migrate", "--db", "logs.db"], in: directory)
    #expect(run.status == 0)
    let lines = run.standardError.split(separator: "\n")
    #expect(lines.count >= 1)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["label"] as? String == "talentwatch")
      #expect(object?["time"] is String)
    }
  }
}
