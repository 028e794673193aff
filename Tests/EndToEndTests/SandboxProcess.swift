import Foundation
import TestSupport

/// A `provider-sandbox` child process on a loopback port, its stderr kept in a temporary file.
final class SandboxProcess: Sendable {
  /// The API key every sandbox in these tests is started with.
  static let apiKey = "sbx-test-key-7f3a"
  /// The port it listens on.
  let port: Int
  /// A folder for its log (and state file, when a test asks for one).
  let directory: URL
  private let process: Process
  private let logPath: URL

  /// Starts `provider-sandbox --listen 127.0.0.1:0 --api-key KEY` plus `arguments`, waits until it listens.
  init(arguments: [String] = [], directory: URL? = nil) throws {
    let directory =
      directory
      ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    self.directory = directory
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "provider-sandbox")
    process.arguments =
      ["--listen", "127.0.0.1:0", "--api-key", Self.apiKey, "--profiles", Self.profiles]
      + arguments
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin"]
    let logPath = directory.appendingPathComponent("sandbox-\(UUID().uuidString.prefix(8)).log")
    _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: logPath)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    self.process = process
    self.logPath = logPath
    let text = ChildOutput.firstLine(of: out.fileHandleForReading)
    guard text.hasPrefix("listening on http://127.0.0.1:"),
      let port = Int(text.dropFirst("listening on http://127.0.0.1:".count).prefix { $0.isNumber })
    else {
      process.terminate()
      process.waitUntilExit()
      throw StartFailed(
        output: text, log: (try? String(contentsOf: logPath, encoding: .utf8)) ?? "")
    }
    self.port = port
  }

  /// The profiles committed with the package.
  static let profiles = ProductBinary.packageRoot.appendingPathComponent(
    "fixtures/provider/profiles"
  )
  .path

  /// `http://127.0.0.1:PORT`.
  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Everything it logged so far.
  var log: String { (try? String(contentsOf: logPath, encoding: .utf8)) ?? "" }

  /// Sends SIGTERM and waits; returns the exit status.
  @discardableResult
  func terminate() -> Int32 {
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Kills it if still running and removes its folder.
  func remove() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  /// The sandbox did not say it was listening.
  struct StartFailed: Error, CustomStringConvertible {
    /// Its stdout.
    let output: String
    /// Its stderr.
    let log: String
    /// Both.
    var description: String { "provider-sandbox did not start: \(output) \(log)" }
  }
}
