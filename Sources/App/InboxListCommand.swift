import Foundation
import Storage

/// `talentwatch inbox list`: stored deliveries, oldest first, as a table or (`--json`) a JSON array.
struct InboxListCommand: Command {
  /// Selected by `inbox list`.
  static let name = "inbox list"
  /// Shown in the overview.
  static let abstract = "List stored deliveries (webhook inbox)."
  /// Filters and a limit.
  static let options: [CommandOption] = [
    .option(
      "status", value: "S",
      help: "Only this status: pending, processed, quarantined, suppressed, ignored."),
    .option("source", value: "NAME", help: "Only this source."),
    .option(
      "since", value: "T", help: "Received at or after T (RFC 3339, or an age: 30m, 24h, 7d)."),
    .option("limit", value: "N", help: "At most N deliveries (default 100)."),
  ]
  /// Reads the database named by the configuration.
  static let loadsConfiguration = true

  /// The selection.
  let selection: ReplayInboxSelection
  /// The limit.
  let limit: Int

  /// Converts the values; a bad status, time or limit is a usage error.
  init(arguments: CommandArguments) throws(UsageError) {
    selection = try ReplayInboxSelection(
      status: arguments.value("status"), source: arguments.value("source"),
      since: arguments.value("since"), ids: [])
    if let text = arguments.value("limit") {
      guard let value = Int(text), value > 0 else {
        throw UsageError("--limit: expected a positive whole number")
      }
      limit = value
    } else {
      limit = 100
    }
  }

  /// Prints the deliveries.
  func run(_ context: CommandContext) async throws -> Int32 {
    let database = try ReplayInboxJSON.openForReading(try context.requireConfiguration())
    defer { database.close() }
    let filter = selection.filter(afterID: 0, limit: limit)
    let entries = try await database.read { try InboxStore.list(filter, in: $0) }
    if context.globals.json {
      context.output.print(try ReplayInboxJSON.text(entries.map(ReplayInboxJSON.object)))
      return CLIExitCode.success
    }
    let header = ["ID", "SOURCE", "DELIVERY ID", "STATUS", "RECEIVED", "SIGNALS", "ERROR"]
    let rows = entries.map { entry in
      [
        String(entry.id), entry.source, entry.deliveryID, entry.status.rawValue,
        ReplayTime.format(entry.receivedAt), String(entry.signalCount), entry.error ?? "",
      ]
    }
    context.output.print(Self.table([header] + rows))
    context.output.print("\(entries.count) deliver\(entries.count == 1 ? "y" : "ies")")
    return CLIExitCode.success
  }

  /// Left-aligned columns two spaces apart; the last column is not padded.
  static func table(_ rows: [[String]]) -> String {
    guard let columns = rows.first?.count else { return "" }
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in
        index == columns - 1
          ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }
}
