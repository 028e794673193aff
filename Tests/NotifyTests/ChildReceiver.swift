import Foundation
import TestSupport

/// A Python receiver (webhook receiver or SMTP sink from `scripts/test-receivers/`) run as a child
/// process with the project's venv; it prints `listening PORT` once it accepts connections.
final class ChildReceiver: @unchecked Sendable {
  // `process` is set once in init and only read afterwards; Process itself is thread-safe for these calls.
  let port: Int
  private let process: Process

  /// The venv's Python, or an error saying how to make it.
  static func python() throws -> URL {
    let python = ProductBinary.packageRoot.appendingPathComponent(".venv/bin/python")
    guard FileManager.default.isExecutableFile(atPath: python.path) else {
      throw MissingVenv(path: python.path)
    }
    return python
  }

  /// Starts `scripts/test-receivers/<script>` with `arguments` and waits for its port.
  init(script: String, arguments: [String]) throws {
    let process = Process()
    process.executableURL = try Self.python()
    process.arguments =
      [ProductBinary.packageRoot.appendingPathComponent("scripts/test-receivers/\(script)").path]
      + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = ChildOutput.firstLine(of: out.fileHandleForReading)
    guard text.hasPrefix("listening "),
      let port = Int(text.dropFirst("listening ".count).prefix { $0.isNumber })
    else {
      process.terminate()
      process.waitUntilExit()
      throw StartFailed(script: script, output: text)
    }
    self.port = port
    self.process = process
  }

  /// Ends the receiver (SIGKILL: the test runner's children may inherit a blocked SIGTERM) and waits.
  func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }

  /// The venv is missing.
  struct MissingVenv: Error, CustomStringConvertible {
    /// Where Python was expected.
    let path: String
    /// What to do.
    var description: String {
      "\(path) is missing: run `make venv` once (it installs standardwebhooks and aiosmtpd into .venv/)"
    }
  }

  /// The receiver did not say its port.
  struct StartFailed: Error, CustomStringConvertible {
    /// The script.
    let script: String
    /// What it printed.
    let output: String
    /// A sentence.
    var description: String { "\(script) did not start: \(output)" }
  }
}
