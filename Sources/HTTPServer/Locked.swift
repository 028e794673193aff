#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value guarded by a pthread mutex stored in the same allocation; the server's one locking primitive.
///
/// One allocation per instance keeps per-request state cheap on the hot path.
final class Locked<Value>: @unchecked Sendable {
  // Every access to `storage`'s header goes through `withLock`, which holds the mutex in its element.
  private let storage: Storage

  /// Creates the box holding `initial`.
  init(_ initial: Value) {
    let buffer = Storage.create(minimumCapacity: 1) { _ in initial }
    storage = unsafeDowncast(buffer, to: Storage.self)
    storage.withUnsafeMutablePointerToElements { mutex in
      mutex.initialize(to: pthread_mutex_t())
      _ = pthread_mutex_init(mutex, nil)
    }
  }

  /// Runs `body` with exclusive access to the value.
  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    try storage.withUnsafeMutablePointers { value, mutex in
      _ = pthread_mutex_lock(mutex)
      defer { _ = pthread_mutex_unlock(mutex) }
      return try body(&value.pointee)
    }
  }

  /// The header holds the value, the single element holds the mutex.
  private final class Storage: ManagedBuffer<Value, pthread_mutex_t> {
    deinit {
      _ = withUnsafeMutablePointerToElements { mutex in pthread_mutex_destroy(mutex) }
    }
  }
}
