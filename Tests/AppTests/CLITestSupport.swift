import Foundation
import Logging
import Synchronization

@testable import App

/// A directory under the system's temporary directory; tests `defer { directory.remove() }`.
struct TemporaryDirectory: Sendable {
  /// The directory's absolute path.
  let path: String

  /// Creates a fresh, empty directory.
  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Deletes the directory and everything in it.
  func remove() { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `contents` to `name` inside the directory and returns the file's path.
  @discardableResult
  func write(_ name: String, _ contents: String) throws -> String {
    let file = (path as NSString).appendingPathComponent(name)
    try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }
}

/// Collects what a command prints, in place of the process's standard output and error.
final class CLIOutputRecorder: Sendable {
  private let out = Mutex("")
  private let err = Mutex("")

  /// An output that appends to this recorder.
  var output: CLIOutput {
    CLIOutput(
      standardOutput: { text in self.out.withLock { $0 += text } },
      standardError: { text in self.err.withLock { $0 += text } })
  }

  /// Everything printed on standard output.
  var standardOutput: String { out.withLock { $0 } }
  /// Everything printed on standard error.
  var standardError: String { err.withLock { $0 } }
}

/// What a run of the CLI in-process printed and returned.
struct CLIRun {
  /// The exit status.
  let status: Int32
  /// Standard output.
  let standardOutput: String
  /// Standard error.
  let standardError: String
  /// Log lines.
  let logLines: [String]
}

/// Runs `TalentwatchCLI` in-process with `arguments`, capturing its output, in `directory` (a fresh one by default).
func runCLI(
  _ arguments: [String], environment: [String: String] = [:], directory: TemporaryDirectory? = nil
) async throws -> CLIRun {
  let workingDirectory = try directory ?? TemporaryDirectory()
  defer { if directory == nil { workingDirectory.remove() } }
  let recorder = CLIOutputRecorder()
  let sink = Logger.MemorySink()
  let status = await TalentwatchCLI.run(
    arguments: arguments, environment: environment, output: recorder.output, logSink: sink,
    workingDirectory: workingDirectory.path)
  return CLIRun(
    status: status, standardOutput: recorder.standardOutput, standardError: recorder.standardError,
    logLines: sink.lines)
}
