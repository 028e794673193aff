import Foundation
import Storage

/// `talentwatch notifications list`: notifications with their status and attempts.
struct NotificationsListCommand: Command {
  /// Selected by `notifications list`.
  static let name = "notifications list"
  /// Shown in the overview.
  static let abstract = "List recruiter notifications and their delivery status."
  /// Filters.
  static let options: [CommandOption] = [
    .option("status", value: "S", help: "pending, delivering, delivered or dead"),
    .option("user", value: "ID", help: "only this recipient"),
  ]
  /// Reads the configured database.
  static let loadsConfiguration = true

  let status: OutboxStatus?
  let user: String?

  /// Reads the filters.
  init(arguments: CommandArguments) throws(UsageError) {
    if let text = arguments.value("status") {
      guard let status = OutboxStatus(rawValue: text) else {
        throw UsageError("--status must be one of pending, delivering, delivered, dead")
      }
      self.status = status
    } else {
      status = nil
    }
    user = arguments.value("user")
  }

  /// Prints one line per notification (or a JSON array with `--json`).
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    _ = try await database.write { try migrator.migrate($0) }
    let status = status
    let user = user
    let rows = try await database.read { connection in
      try OutboxStore.list(status: status, recipient: user, in: connection).map { item in
        (item, try OutboxStore.attempts(notificationID: item.id, in: connection))
      }
    }
    if context.globals.json {
      let items = rows.map { item, attempts in
        let json = NotificationRoutes.json(item)
        let log = attempts.map { attempt in
          "{\"channel\":\(NotificationRoutes.string(attempt.channelID)),"
            + "\"at\":\(NotificationRoutes.string(NotificationRoutes.rfc3339(attempt.attemptedAt))),"
            + "\"status_code\":\(attempt.statusCode.map(String.init) ?? "null"),"
            + "\"latency_ms\":\(attempt.latencyMilliseconds),"
            + "\"error\":\(attempt.error.map(NotificationRoutes.string) ?? "null"),"
            + "\"outcome\":\(NotificationRoutes.string(attempt.outcome))}"
        }
        return String(json.dropLast())
          + ",\"recipient\":\(NotificationRoutes.string(item.recipient)),"
          + "\"attempts\":[" + log.joined(separator: ",") + "]}"
      }
      context.output.print("[" + items.joined(separator: ",") + "]")
    } else {
      for (item, attempts) in rows {
        context.output.print(
          "\(item.id)  \(item.status.rawValue)  \(item.recipient)  \(item.kind)  "
            + "attempts=\(attempts.count)  \(NotificationRoutes.rfc3339(item.createdAt))")
      }
      if rows.isEmpty { context.output.print("no notifications") }
    }
    return CLIExitCode.success
  }
}
