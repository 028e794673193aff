public import Foundation

/// A child process started from one of the package's executables that says on its first stdout line
/// where it listens (`listening on http://HOST:PORT`, or `https://`), with its stderr kept in a file.
///
/// `ServeProcess` and the end-to-end tests' `SandboxProcess` are this with their own arguments.
public final class ListeningChild: Sendable {
  /// The port it listens on (started with port 0, it says which it got).
  public let port: Int
  private let process: Process
  private let logPath: URL

  /// Starts product `product` with `arguments` in `directory` (which holds the log file) and waits
  /// until it says it listens.
  public init(product: String, arguments: [String], directory: URL) throws {
    let process = Process()
    process.executableURL = try ProductBinary.url(named: product)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin"]
    let logPath = directory.appendingPathComponent("\(product)-\(UUID().uuidString.prefix(8)).log")
    _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: logPath)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    self.process = process
    self.logPath = logPath
    let text = ChildOutput.firstLine(of: out.fileHandleForReading)
    guard
      let range = text.range(of: "listening on http://") ?? text.range(of: "listening on https://"),
      let port = text[range.upperBound...].split(separator: ":").last
        .flatMap({ Int($0.prefix { $0.isNumber }) })
    else {
      process.terminate()
      process.waitUntilExit()
      throw StartFailed(
        product: product, output: text,
        log: (try? String(contentsOf: logPath, encoding: .utf8)) ?? "")
    }
    self.port = port
  }

  /// The process id.
  public var pid: Int32 { process.processIdentifier }

  /// Whether it is still running.
  public var isRunning: Bool { process.isRunning }

  /// Everything it wrote to stderr so far.
  public var log: String { (try? String(contentsOf: logPath, encoding: .utf8)) ?? "" }

  /// Sends `signal` (SIGTERM, SIGKILL, ...).
  public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Waits for the process to end and returns its exit status (or the signal number for a signal death).
  @discardableResult
  public func waitForExit() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Kills it with SIGKILL if it is still running and waits until it is gone.
  public func stop() {
    if process.isRunning {
      send(SIGKILL)
      process.waitUntilExit()
    }
  }

  /// The child did not say it was listening.
  public struct StartFailed: Error, CustomStringConvertible {
    /// Which executable.
    public let product: String
    /// What it printed on stdout.
    public let output: String
    /// What it logged on stderr.
    public let log: String
    /// A sentence with all three.
    public var description: String { "\(product) did not start: stdout \(output) stderr \(log)" }
  }
}
