import Domain
import Foundation
import Logging
import Storage

/// Periodic housekeeping inside `serve`: deletes the bodies of ignored deliveries once their window ends,
/// and logs the audit log's head whenever it moved, so that a copy of it lives outside the database
/// (`audit verify --head SEQ:HASH` then proves the log was not cut short or rewritten up to it).
struct MaintenanceService: Sendable {
  let database: Database
  let clock: any Clock
  let logger: Logger
  /// How often the jobs run.
  var interval: Duration = .seconds(60)

  /// Runs until cancelled.
  func run() async {
    var loggedHead: Int64?
    while !Task.isCancelled {
      let now = clock.now()
      do {
        if let head = try await database.read({ try AuditLogStore.head(in: $0) }),
          head.seq != loggedHead
        {
          loggedHead = head.seq
          logger.notice(
            "audit head", ["audit.seq": .integer(Int(head.seq)), "audit.hash": .string(head.hash)])
        }
        let purged = try await database.write {
          try InboxStore.purgeExpiredBodies(now: now, in: $0)
        }
        if purged > 0 {
          logger.info("expired delivery bodies deleted", ["inbox.bodies_deleted": .integer(purged)])
        }
      } catch {
        logger.error("maintenance failed", ["error": .string(String(describing: error))])
      }
      try? await Task.sleep(for: interval)
    }
  }
}
