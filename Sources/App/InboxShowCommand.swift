import Domain
import Foundation
import Storage

/// `talentwatch inbox show ID`: one stored delivery's metadata, kept headers, error and signals; the body
/// only with `--body`.
struct InboxShowCommand: Command {
  /// Selected by `inbox show`.
  static let name = "inbox show"
  /// Shown in the overview.
  static let abstract = "Show one stored delivery: metadata, headers, error, signals."
  /// The id and whether to print the body.
  static let options: [CommandOption] = [
    .positional("ID", help: "The inbox id (from inbox list)."),
    .flag("body", help: "Also print the body (byte-exact on stdout; in JSON as text or base64)."),
  ]
  /// Reads the database named by the configuration.
  static let loadsConfiguration = true

  /// The inbox id.
  let id: Int64
  /// Whether to print the body.
  let showBody: Bool

  /// Converts the id; a non-number is a usage error.
  init(arguments: CommandArguments) throws(UsageError) {
    guard let text = arguments.positional("ID"), let id = Int64(text), id > 0 else {
      throw UsageError("ID: expected an inbox id (a positive whole number)")
    }
    self.id = id
    showBody = arguments.flag("body")
  }

  /// Prints the delivery; exit 1 when there is no such id.
  func run(_ context: CommandContext) async throws -> Int32 {
    let database = try ReplayInboxJSON.openForReading(try context.requireConfiguration())
    defer { database.close() }
    let id = self.id
    let found = try await database.read { connection -> (InboxEntry, [StoredSignal])? in
      guard let entry = try InboxStore.find(id: id, in: connection) else { return nil }
      return (entry, try InboxStore.signals(inboxID: id, in: connection))
    }
    guard let (entry, signals) = found else {
      context.output.printError("talentwatch: no delivery with inbox id \(id)")
      return CLIExitCode.failure
    }
    if context.globals.json {
      var object = ReplayInboxJSON.object(entry)
      object["headers"] = entry.headers
      object["signals"] = try signals.map(Self.signalObject)
      if showBody {
        if let body = entry.body, let text = String(validating: body, as: UTF8.self) {
          object["body"] = text
        } else if let body = entry.body {
          object["body_base64"] = Data(body).base64EncodedString()
        } else {
          object["body"] = NSNull()
        }
      }
      context.output.print(try ReplayInboxJSON.text(object, pretty: true))
      return CLIExitCode.success
    }
    var lines = [
      "id           \(entry.id)",
      "source       \(entry.source)",
      "delivery id  \(entry.deliveryID)",
      "scheme       \(entry.scheme)",
      "format       \(entry.format)",
      "status       \(entry.status.rawValue)",
      "received     \(ReplayTime.format(entry.receivedAt))",
      "signed       \(entry.signedAt.map(ReplayTime.format) ?? "-")",
      "processed    \(entry.processedAt.map(ReplayTime.format) ?? "-") (attempts \(entry.attempts))",
      "body         \(entry.bodySize) bytes\(entry.body == nil ? " (no longer held)" : "")",
      "error        \(entry.error ?? "-")",
      "headers",
    ]
    lines += entry.headers.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
    lines.append(
      "signals      \(signals.count) (about people we do not hold: \(entry.ignoredCount))")
    lines += signals.map(Self.signalLine)
    context.output.print(lines.joined(separator: "\n"))
    if showBody, let body = entry.body {
      context.output.print("body")
      context.output.standardOutput(String(decoding: body, as: UTF8.self) + "\n")
    }
    return CLIExitCode.success
  }

  /// `  #0 job_changed candidate 12 detected 2026-…  Acme/Engineer → Beta/Lead`.
  static func signalLine(_ stored: StoredSignal) -> String {
    let signal = stored.signal
    var text =
      "  #\(stored.ordinal) \(signal.kind.rawValue) candidate \(stored.candidateID) detected "
      + (signal.detectedAt.map(ReplayTime.format) ?? "-")
    func describe(_ position: Signal.Position?) -> String {
      guard let position else { return "-" }
      return "\(position.company ?? "?")/\(position.title ?? "?")"
    }
    switch signal.kind {
    case .jobChanged: text += "  \(describe(signal.previous)) → \(describe(signal.current))"
    case .openToWork: text += "  open \(signal.openToWork.map(String.init) ?? "?")"
    case .profileChanged: text += "  fields \(signal.fields.joined(separator: ", "))"
    case .changed: break
    }
    return text
  }

  /// A stored signal as a JSON object (the signal's own encoding plus where it came from).
  static func signalObject(_ stored: StoredSignal) throws -> [String: Any] {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(ReplayTime.format(date))
    }
    let data = try encoder.encode(stored.signal)
    var object = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    object["ordinal"] = stored.ordinal
    object["candidate_id"] = stored.candidateID
    return object
  }
}
