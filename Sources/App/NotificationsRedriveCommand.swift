import Foundation
import Storage

/// `talentwatch notifications redrive ID | --dead`: re-queues dead-lettered notifications.
struct NotificationsRedriveCommand: Command {
  /// Selected by `notifications redrive`.
  static let name = "notifications redrive"
  /// Shown in the overview.
  static let abstract = "Send dead-lettered notifications again (one by id, or all with --dead)."
  /// One id or `--dead`.
  static let options: [CommandOption] = [
    .positional("ID", arity: .optional, help: "the notification id (ntf_...)"),
    .flag("dead", help: "re-queue every dead notification"),
  ]
  /// Writes the configured database.
  static let loadsConfiguration = true

  let id: String?
  let allDead: Bool

  /// Reads the id or the flag; exactly one must be given.
  init(arguments: CommandArguments) throws(UsageError) {
    id = arguments.positional("ID")
    allDead = arguments.flag("dead")
    guard (id == nil) != (allDead == false) else {
      throw UsageError("give a notification id or --dead (not both)", command: Self.name)
    }
  }

  /// Re-queues and says how many; a running `serve` delivers them on its next pass.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    _ = try await database.write { try migrator.migrate($0) }
    let now = Date()
    if let id {
      let count = try await database.write { try OutboxStore.redrive(id: id, now: now, in: $0) }
      guard count > 0 else {
        context.output.printError("\(id): no dead deliveries to re-queue (unknown id, or not dead)")
        return CLIExitCode.failure
      }
      context.output.print("re-queued \(id) (\(count) deliveries)")
    } else {
      let ids = try await database.write { try OutboxStore.redriveDead(now: now, in: $0) }
      context.output.print("re-queued \(ids.count) notification(s)")
    }
    return CLIExitCode.success
  }
}
