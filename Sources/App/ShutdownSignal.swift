import Dispatch
import Foundation
import Synchronization

/// SIGTERM and SIGINT as something to await: the first one asks for a graceful stop, a second one ends
/// the process at once.
final class ShutdownSignal: Sendable {
  private let state = Mutex<State>(State())
  private struct State {
    var received: String?
    var waiter: CheckedContinuation<String, Never>?
  }

  /// Keeps the dispatch sources alive for the life of the process.
  private final class Sources: @unchecked Sendable {
    // Written once in `install()` before any signal can arrive; only read afterwards.
    var sources: [any DispatchSourceSignal] = []
  }
  private let sources = Sources()

  private init() {}

  /// Routes SIGTERM and SIGINT to the returned object (and away from their default handlers).
  static func install() -> ShutdownSignal {
    let shutdown = ShutdownSignal()
    let queue = DispatchQueue(label: "talentwatch.signals")
    for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { shutdown.deliver(name) }
      source.resume()
      shutdown.sources.sources.append(source)
    }
    return shutdown
  }

  /// Waits for the first signal and returns its name.
  func wait() async -> String {
    await withCheckedContinuation { continuation in
      let ready: String? = state.withLock { state in
        if let received = state.received { return received }
        state.waiter = continuation
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }

  private func deliver(_ name: String) {
    let waiter: CheckedContinuation<String, Never>? = state.withLock { state in
      if state.received != nil {
        // A second signal: the operator wants out now.
        exit(1)
      }
      state.received = name
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(returning: name)
  }
}
