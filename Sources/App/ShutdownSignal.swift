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
    var sources: [any DispatchSourceSignal] = []
  }

  private init() {}

  /// Routes SIGTERM and SIGINT to the returned object (and away from their default handlers).
  static func install() -> ShutdownSignal {
    let shutdown = ShutdownSignal()
    let queue = DispatchQueue(label: "talentwatch.signals")
    var sources: [any DispatchSourceSignal] = []
    for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { shutdown.deliver(name) }
      source.resume()
      sources.append(source)
    }
    shutdown.state.withLock { $0.sources = sources }
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
