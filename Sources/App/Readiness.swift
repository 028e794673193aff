import Storage
import Synchronization

/// Whether the service should receive traffic: started, not draining, and the database writable.
final class Readiness: Sendable {
  private enum Phase { case starting, serving, draining }
  private let phase = Mutex(Phase.starting)
  private let database: Database

  /// Creates the readiness state of a service over `database`.
  init(database: Database) { self.database = database }

  /// Called once everything is serving.
  func markStarted() { phase.withLock { $0 = .serving } }

  /// Called when shutdown begins.
  func markDraining() { phase.withLock { $0 = .draining } }

  /// Nil when ready, else the reason it is not.
  func notReadyReason() -> String? {
    switch phase.withLock({ $0 }) {
    case .starting: return "starting"
    case .draining: return "draining"
    case .serving: return database.isWritable() ? nil : "database not writable"
    }
  }
}
