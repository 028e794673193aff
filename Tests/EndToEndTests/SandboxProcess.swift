import Foundation
import TestSupport

/// A `provider-sandbox` child process on a loopback port, its stderr kept in a temporary file.
final class SandboxProcess: Sendable {
  /// The API key every sandbox in these tests is started with.
  static let apiKey = "sbx-test-key-7f3a"
  /// A folder for its log (and state file, when a test asks for one).
  let directory: URL
  private let child: ListeningChild

  /// Starts `provider-sandbox --listen 127.0.0.1:0 --api-key KEY` plus `arguments`, waits until it listens.
  init(arguments: [String] = [], directory: URL? = nil) throws {
    let directory =
      directory
      ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    self.directory = directory
    child = try ListeningChild(
      product: "provider-sandbox",
      arguments: ["--listen", "127.0.0.1:0", "--api-key", Self.apiKey, "--profiles", Self.profiles]
        + arguments,
      directory: directory)
  }

  /// The profiles committed with the package.
  static let profiles = ProductBinary.packageRoot.appendingPathComponent(
    "fixtures/provider/profiles"
  )
  .path

  /// The port it listens on.
  var port: Int { child.port }

  /// `http://127.0.0.1:PORT`.
  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Everything it logged so far.
  var log: String { child.log }

  /// Sends SIGTERM and waits; returns the exit status.
  @discardableResult
  func terminate() -> Int32 {
    if child.isRunning { child.send(SIGTERM) }
    return child.waitForExit()
  }

  /// Kills it if still running and removes its folder.
  func remove() {
    child.stop()
    try? FileManager.default.removeItem(at: directory)
  }
}
