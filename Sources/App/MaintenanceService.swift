import Domain
import Foundation
import Logging
import Storage

/// Periodic housekeeping inside `serve`: deletes the bodies of ignored deliveries once their window ends.
struct MaintenanceService: Sendable {
  let database: Database
  let clock: any Clock
  let logger: Logger
  /// How often the jobs run.
  var interval: Duration = .seconds(60)

  /// Runs until cancelled.
  func run() async {
    while !Task.isCancelled {
      let now = clock.now()
      do {
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
