#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one-executor-at-a-time lock for refreshes: an exclusive `flock` on a file beside the database,
/// held while a process recovers in-flight items and executes a cycle.
///
/// Recovery puts every in_flight item back; with two executors (`serve` and an operator's
/// `refresh run`) one would take back the other's items mid-call and the provider would bill twice.
/// The kernel drops the lock when its process dies, so a killed run never blocks the next one.
final class RefreshLock: Sendable {
  private let descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit {
    _ = flock(descriptor, LOCK_UN)
    _ = close(descriptor)
  }

  /// The lock for the database at `databasePath`, or nil when another executor holds it (or the lock
  /// file cannot be opened).
  static func tryAcquire(databasePath: String) -> RefreshLock? {
    let descriptor = open(databasePath + ".refresh-lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return nil }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      _ = close(descriptor)
      return nil
    }
    return RefreshLock(descriptor: descriptor)
  }
}
