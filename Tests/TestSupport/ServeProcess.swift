public import Foundation

/// A `talentwatch serve` child process on a loopback port, with its stderr kept in a file.
public final class ServeProcess: Sendable {
  /// The port it listens on (it is started with port 0 and says which it got).
  public var port: Int { child.port }
  /// The working directory (also holds the log file).
  public let directory: URL
  private let child: ListeningChild

  /// Starts `talentwatch serve --config <configPath>` in `directory` and waits until it listens.
  public init(configPath: String, directory: URL, extraArguments: [String] = []) throws {
    self.directory = directory
    child = try ListeningChild(
      product: "talentwatch", arguments: ["serve", "--config", configPath] + extraArguments,
      directory: directory)
  }

  /// The base URL, `http://127.0.0.1:PORT`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// The process id.
  public var pid: Int32 { child.pid }

  /// Sends `signal` (SIGTERM, SIGKILL, ...).
  public func send(_ signal: Int32) { child.send(signal) }

  /// Waits for the process to end and returns its exit status (or the signal number for a signal death).
  @discardableResult
  public func waitForExit() -> Int32 { child.waitForExit() }

  /// Whether it has exited.
  public var isRunning: Bool { child.isRunning }

  /// Everything it wrote to stderr so far.
  public var log: String { child.log }

  /// Ends the process if it is still running.
  public func stop() { child.stop() }
}
