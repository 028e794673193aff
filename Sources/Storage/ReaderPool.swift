import Foundation

/// A fixed set of read-only connections handed out one user at a time, first come first served.
///
/// Waiting never blocks a thread here: `acquire` stores the request and `release` hands the connection
/// straight to the oldest waiter, so async readers wait without holding a thread.
final class ReaderPool: @unchecked Sendable {
  // `lock` serializes `idle`, `waiters` and `isClosed`; a connection is in `idle` or with exactly one user.
  private let lock = NSLock()
  private var idle: [ConnectionHandoff]
  private var waiters: [@Sendable (ConnectionHandoff?) -> Void] = []
  private var isClosed = false

  /// A pool of `connections`, all idle.
  init(_ connections: [Connection]) {
    idle = connections.map(ConnectionHandoff.init)
  }

  /// Calls `handler` with a connection as soon as one is free (maybe at once, on this thread), or with
  /// `nil` when the pool is closed. The receiver must `release` the connection.
  func acquire(_ handler: @escaping @Sendable (ConnectionHandoff?) -> Void) {
    let ready: ConnectionHandoff?? = lock.withLock {
      if isClosed { return .some(nil) }
      if let connection = idle.popLast() { return .some(connection) }
      waiters.append(handler)
      return .none
    }
    if let ready { handler(ready) }
  }

  /// Blocks the calling thread until a connection is free; `nil` when the pool is closed.
  func acquireBlocking() -> ConnectionHandoff? {
    let semaphore = DispatchSemaphore(value: 0)
    let slot = Slot()
    acquire { connection in
      slot.set(connection)
      semaphore.signal()
    }
    semaphore.wait()
    return slot.get()
  }

  /// Returns `connection` to the pool (or to the oldest waiter); closes it when the pool is closed.
  func release(_ connection: ConnectionHandoff) {
    let waiter: (@Sendable (ConnectionHandoff?) -> Void)? = lock.withLock {
      if isClosed { return nil }
      if waiters.isEmpty {
        idle.append(connection)
        return nil
      }
      return waiters.removeFirst()
    }
    waiter?(connection)
  }

  /// Closes the idle connections, fails the waiters, and closes busy connections as they come back.
  func close() {
    let failed = lock.withLock {
      isClosed = true
      idle.removeAll()
      defer { waiters.removeAll() }
      return waiters
    }
    for waiter in failed { waiter(nil) }
  }

  /// One value passed from the thread that releases a connection to the thread blocked waiting for it.
  private final class Slot: @unchecked Sendable {
    // Written once before `semaphore.signal()` and read after `semaphore.wait()`: the semaphore orders them.
    private var value: ConnectionHandoff?
    func set(_ value: ConnectionHandoff?) { self.value = value }
    func get() -> ConnectionHandoff? { value }
  }
}
