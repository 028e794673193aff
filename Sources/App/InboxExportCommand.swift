import Foundation
import Storage

/// `talentwatch inbox export ID... --out DIR`: writes stored deliveries as fixtures (`NAME.body`
/// byte-exact plus `NAME.meta.json`), so a real delivery becomes a regression fixture in one command.
struct InboxExportCommand: Command {
  /// Selected by `inbox export`.
  static let name = "inbox export"
  /// Shown in the overview.
  static let abstract = "Write stored deliveries as fixture files (body byte-exact plus metadata)."
  /// Ids and the target folder.
  static let options: [CommandOption] = [
    .positional("ID", arity: .oneOrMore, help: "Inbox ids to export."),
    .option(
      "out", value: "DIR", help: "The folder to write to (created when missing).", required: true),
  ]
  /// Reads the database named by the configuration.
  static let loadsConfiguration = true

  /// The ids.
  let ids: [Int64]
  /// The target folder.
  let directory: String

  /// Converts the ids; a non-number is a usage error.
  init(arguments: CommandArguments) throws(UsageError) {
    var ids: [Int64] = []
    for text in arguments.positionalValues("ID") {
      guard let id = Int64(text), id > 0 else {
        throw UsageError("ID: expected inbox ids (positive whole numbers), got \"\(text)\"")
      }
      ids.append(id)
    }
    guard !ids.isEmpty else { throw UsageError("missing ID") }
    guard let directory = arguments.value("out"), !directory.isEmpty else {
      throw UsageError("missing --out DIR")
    }
    self.ids = ids
    self.directory = directory
  }

  /// Writes one fixture pair per id, one at a time; exit 1 when any id is unknown or has no body.
  func run(_ context: CommandContext) async throws -> Int32 {
    let database = try ReplayInboxJSON.openForReading(try context.requireConfiguration())
    defer { database.close() }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var failures = 0
    for id in ids {
      let found = try await database.read { try InboxStore.find(id: id, in: $0) }
      guard let entry = found else {
        context.output.printError("talentwatch: no delivery with inbox id \(id)")
        failures += 1
        continue
      }
      guard let body = entry.body else {
        context.output.printError(
          "talentwatch: inbox id \(id): the body is no longer held (\(entry.status.rawValue))")
        failures += 1
        continue
      }
      let path = try ReplayFixture.write(
        body: body, meta: ReplayInboxJSON.fixtureMeta(entry), stem: Self.stem(entry),
        into: directory)
      context.output.print("inbox \(id)  \(entry.deliveryID)  → \(path)")
    }
    return failures == 0 ? CLIExitCode.success : CLIExitCode.failure
  }

  /// A file name from the source and delivery id: letters, digits, `-`, `_` and `.` kept, the rest `_`.
  static func stem(_ entry: InboxEntry) -> String {
    let raw = "\(entry.source)-\(entry.deliveryID)"
    let safe = String(
      raw.unicodeScalars.map { scalar in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
          ? Character(scalar) : "_"
      })
    return safe.hasPrefix(".") ? "_" + safe.dropFirst() : safe
  }
}
