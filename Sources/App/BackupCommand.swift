import Foundation
import Storage

/// `talentwatch backup --to FILE`: a consistent online copy of the database, safe while `serve` runs.
struct BackupCommand: Command {
  /// Selected by `backup`.
  static let name = "backup"
  /// Shown in the overview.
  static let abstract = "Copy the database consistently while it is in use (SQLite backup API)."
  /// `--to` names the copy.
  static let options: [CommandOption] = [
    .option("to", value: "FILE", help: "Write the copy here (replaced when it exists).")
  ]
  /// Backs up the configured database.
  static let loadsConfiguration = true

  /// The destination file.
  let destination: String

  /// Reads `--to`, which is required.
  init(arguments: CommandArguments) throws(UsageError) {
    guard let destination = arguments.value("to"), !destination.isEmpty else {
      throw UsageError("--to FILE is required")
    }
    self.destination = destination
  }

  /// Copies, checks the copy, and says how large it is.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    guard FileManager.default.fileExists(atPath: configuration.database) else {
      context.output.printError("talentwatch: error: the database does not exist")
      return CLIExitCode.failure
    }
    let source = configuration.database
    let destination = destination
    let report = try await Task.detached { try Backup.copy(from: source, to: destination) }.value
    context.logger.notice(
      "backup written",
      ["backup.pages": .integer(report.pages), "backup.bytes": .integer(report.bytes)])
    if context.globals.json {
      context.output.print(
        #"{"to":"\#(Self.escaped(destination))","pages":\#(report.pages),"bytes":\#(report.bytes),"integrity":"ok"}"#
      )
    } else {
      context.output.print(
        "backup written to \(destination): \(report.pages) pages, \(report.bytes) bytes, integrity ok"
      )
    }
    return CLIExitCode.success
  }

  /// `text` as the inside of a JSON string.
  private static func escaped(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
    return String(String(decoding: data, as: UTF8.self).dropFirst(2).dropLast(2))
  }
}
