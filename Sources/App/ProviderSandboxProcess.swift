import Foundation

/// The bundled provider sandbox, started as a child process next to the `talentwatch` executable.
final class ProviderSandboxProcess: Sendable {
  /// Its base URL, `http://127.0.0.1:PORT`.
  let baseURL: String
  private let process: Process

  /// Starts `provider-sandbox` with `arguments` and waits for its `listening on` line.
  init(arguments: [String], logFile: URL) throws {
    let process = Process()
    process.executableURL = try Self.binary()
    process.arguments = ["--listen", "127.0.0.1:0"] + arguments
    let output = Pipe()
    process.standardOutput = output
    _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: logFile)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard let range = text.range(of: "listening on ") else {
      process.terminate()
      throw StartFailed()
    }
    baseURL = String(text[range.upperBound...].prefix { !$0.isWhitespace })
    self.process = process
  }

  /// Stops the sandbox.
  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  /// The sandbox did not start.
  struct StartFailed: Error, CustomStringConvertible {
    var description: String {
      "the provider sandbox did not start (see its log under the demo folder)"
    }
  }

  /// `provider-sandbox` beside the running executable.
  private static func binary() throws -> URL {
    let me =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let url = URL(fileURLWithPath: me).deletingLastPathComponent()
      .appendingPathComponent("provider-sandbox")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw NotBuilt(path: url.path)
    }
    return url
  }

  /// The sandbox executable is missing.
  struct NotBuilt: Error, CustomStringConvertible {
    let path: String
    var description: String { "provider-sandbox not found at \(path); build the package first" }
  }
}
