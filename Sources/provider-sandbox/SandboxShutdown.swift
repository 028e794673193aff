import Dispatch
import Foundation
import Synchronization

/// SIGTERM and SIGINT as something to await (a second signal ends the process at once).
final class SandboxShutdown: Sendable {
  /// The first signal's name and a waiter, under one lock.
  private struct State {
    var received: String?
    var waiter: CheckedContinuation<String, Never>?
  }

  private let state = Mutex(State())
  /// Keeps the dispatch sources alive for the life of the process.
  private final class Sources: @unchecked Sendable {
    // Written only in `init` before any signal can arrive, never read afterwards: nothing to serialize.
    /// The signal sources.
    var sources: [any DispatchSourceSignal] = []
  }

  private let sources = Sources()

  /// Routes SIGTERM and SIGINT here instead of their default handlers.
  init() {
    let queue = DispatchQueue(label: "provider-sandbox.signals")
    for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { [weak self] in self?.deliver(name) }
      source.resume()
      sources.sources.append(source)
    }
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

  /// Records a signal and wakes the waiter; a second signal exits.
  private func deliver(_ name: String) {
    let waiter: CheckedContinuation<String, Never>? = state.withLock { state in
      if state.received != nil { exit(1) }
      state.received = name
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(returning: name)
  }
}
