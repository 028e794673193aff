public import Foundation
import Synchronization

/// A `talentwatch serve` child process on a loopback port, with its stderr kept in a file.
public final class ServeProcess: Sendable {
  /// The port it listens on (it is started with port 0 and says which it got).
  public let port: Int
  /// The working directory (also holds the log file).
  public let directory: URL
  private let process: Process
  private let logPath: URL

  /// Starts `talentwatch serve --config <configPath>` in `directory` and waits until it listens.
  public init(configPath: String, directory: URL, extraArguments: [String] = []) throws {
    self.directory = directory
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "talentwatch")
    process.arguments = ["serve", "--config", configPath] + extraArguments
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin"]
    let logPath = directory.appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
    _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: logPath)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    self.process = process
    self.logPath = logPath
    // The first stdout line says "listening on http://HOST:PORT".
    let text = ChildOutput.firstLine(of: out.fileHandleForReading)
    // "listening on http://HOST:PORT" (or https:// when TLS is configured).
    guard
      let range = text.range(of: "listening on http://") ?? text.range(of: "listening on https://"),
      let port = text[range.upperBound...].split(separator: ":").last
        .flatMap({ Int($0.prefix { $0.isNumber }) })
    else {
      process.terminate()
      process.waitUntilExit()
      throw StartFailed(
        output: text, log: (try? String(contentsOf: logPath, encoding: .utf8)) ?? "")
    }
    self.port = port
  }

  /// The base URL, `http://127.0.0.1:PORT`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// The process id.
  public var pid: Int32 { process.processIdentifier }

  /// Sends `signal` (SIGTERM, SIGKILL, ...).
  public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Waits for the process to end and returns its exit status (or the signal number for a signal death).
  @discardableResult
  public func waitForExit() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Whether it has exited.
  public var isRunning: Bool { process.isRunning }

  /// Everything it wrote to stderr so far.
  public var log: String { (try? String(contentsOf: logPath, encoding: .utf8)) ?? "" }

  /// Ends the process if it is still running.
  public func stop() {
    if process.isRunning {
      send(SIGKILL)
      process.waitUntilExit()
    }
  }

  /// The server did not say it was listening.
  public struct StartFailed: Error, CustomStringConvertible {
    /// What it printed on stdout.
    public let output: String
    /// What it logged on stderr.
    public let log: String
    /// A sentence with both.
    public var description: String { "serve did not start: stdout \(output) stderr \(log)" }
  }
}
