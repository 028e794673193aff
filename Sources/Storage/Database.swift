import CSQLite
import Dispatch
import Foundation

/// The serialized access point to one SQLite file: one writer connection on its own serial queue and a
/// pool of read-only connections, so that blocking SQLite calls never run on Swift's cooperative pool.
///
/// Every write goes through the one writer, in submission order; reads run concurrently on the readers
/// and, thanks to WAL, see the last committed state even while a write transaction is open.
public final class Database: @unchecked Sendable {
  // `writer` is read and written only on `writerQueue` (a serial queue); `readers` locks internally;
  // every other stored property is an immutable `let`.
  private var writer: Connection?
  private let writerQueue: DispatchQueue
  private let writerQueueKey = DispatchSpecificKey<Bool>()
  private let readers: ReaderPool
  private let readerQueue: DispatchQueue

  /// The database file.
  public let path: String

  /// Opens (creating it and its parent directory if missing) the database at `path` with one writer and
  /// `readerCount` readers. With `readOnly`, the writer is opened read-only too (nothing is created) and
  /// every write fails with `SQLITE_READONLY`: for inspecting a database another process serves.
  public init(
    path: String, readerCount: Int = 4, readOnly: Bool = false,
    busyTimeoutMilliseconds: Int32 = 5000
  ) throws(StorageError) {
    guard readerCount >= 1 else { throw StorageError.misuse("readerCount must be at least 1") }
    guard !path.isEmpty, !path.hasPrefix(":memory:"), !path.contains("mode=memory") else {
      throw StorageError.misuse(
        "a Database needs a file: readers cannot share an in-memory database")
    }
    if !readOnly { try Self.createParentDirectory(of: path) }
    let writer = try Connection(
      path: path, readOnly: readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    var readers: [Connection] = []
    for _ in 0..<readerCount {
      readers.append(
        try Connection(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
      )
    }
    self.path = path
    self.writer = writer
    self.readers = ReaderPool(readers)
    writerQueue = DispatchQueue(label: "talentwatch.storage.writer", qos: .userInitiated)
    readerQueue = DispatchQueue(
      label: "talentwatch.storage.readers", qos: .userInitiated, attributes: .concurrent)
    writerQueue.setSpecific(key: writerQueueKey, value: true)
  }

  private static func createParentDirectory(of path: String) throws(StorageError) {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw StorageError(code: SQLITE_CANTOPEN, message: "cannot create the database directory")
    }
  }

  /// The error every call gets once the database is closed.
  private static var closedError: StorageError { .misuse("the database is closed") }

  /// Runs `body` on the writer queue with the writer connection and returns its result; the calling task
  /// suspends without blocking a thread. Writes run one at a time, in submission order.
  public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws
    -> T
  {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
      writerQueue.async {
        continuation.resume(with: Result { try self.withWriter(body) })
      }
    }
  }

  /// Runs `body` with the writer connection, blocking the calling thread until the writer is free: for
  /// callers on their own threads (a group-commit thread, a libmicrohttpd handler). Re-entrant: from
  /// inside a write it runs `body` at once on the same connection.
  @available(*, noasync, message: "blocks the thread: use write(_:) from async code")
  public func writeSync<T>(_ body: (Connection) throws -> T) throws -> T {
    if DispatchQueue.getSpecific(key: writerQueueKey) == true { return try withWriter(body) }
    return try writerQueue.sync { try withWriter(body) }
  }

  /// Must run on `writerQueue`.
  private func withWriter<T>(_ body: (Connection) throws -> T) throws -> T {
    guard let writer else { throw Self.closedError }
    return try body(writer)
  }

  /// Runs `body` with a free reader connection (waiting, without blocking a thread, if all are busy) on a
  /// reader thread. Wrap several queries in `connection.transaction` to read them from one snapshot.
  public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws
    -> T
  {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
      readers.acquire { handoff in
        guard let handoff else {
          continuation.resume(throwing: Self.closedError)
          return
        }
        self.readerQueue.async {
          let result = Result { try body(handoff.connection) }
          self.readers.release(handoff)
          continuation.resume(with: result)
        }
      }
    }
  }

  /// Runs `body` with a free reader connection on the calling thread, blocking until one is free. Do not
  /// nest reads: with every reader held by the outer calls, an inner one would wait forever.
  @available(*, noasync, message: "blocks the thread: use read(_:) from async code")
  public func readSync<T>(_ body: (Connection) throws -> T) throws -> T {
    guard let handoff = readers.acquireBlocking() else { throw Self.closedError }
    defer { readers.release(handoff) }
    return try body(handoff.connection)
  }

  /// `true` when the writer can take the write lock right now (`BEGIN IMMEDIATE; ROLLBACK` succeeds):
  /// for `/readyz`. Waits for the writer queue, and up to the busy timeout for another process's lock.
  public func isWritable() -> Bool {
    let probe = { (connection: Connection) -> Bool in
      do {
        try connection.execute("BEGIN IMMEDIATE")
        try connection.execute("ROLLBACK")
        return true
      } catch {
        return false
      }
    }
    if DispatchQueue.getSpecific(key: writerQueueKey) == true {
      return (try? withWriter(probe)) ?? false
    }
    return writerQueue.sync { (try? withWriter(probe)) ?? false }
  }

  /// Closes every connection (readers in use close when they are returned); later calls throw
  /// `SQLITE_MISUSE`. Idempotent. Waits for the write in progress, if any.
  public func close() {
    readers.close()
    if DispatchQueue.getSpecific(key: writerQueueKey) == true {
      writer = nil
    } else {
      writerQueue.sync { writer = nil }
    }
  }
}
