import Foundation

/// Runs blocking test set-up (starting and stopping child processes) on a fresh thread, not the cooperative pool.
enum ClientBlocking {
  /// Runs `work` on a new thread and returns its result.
  static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread { continuation.resume(with: Result { try work() }) }.start()
    }
  }

  /// Runs non-throwing `work` on a new thread.
  static func run(_ work: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { continuation in
      Thread {
        work()
        continuation.resume()
      }.start()
    }
  }
}
