import Synchronization

/// Cuts a poller's idle wait short: `signal()` ends the current `wait(upTo:)` at once, or the next one
/// when nobody is waiting, so a producer that just committed work does not wait out the poll interval.
///
/// Signals do not queue up: any number of them before a wait end that one wait. Cancelling the waiting
/// task ends its wait too.
final class DispatchWakeup: Sendable {
  private struct State {
    /// A signal arrived while nobody waited.
    var pending = false
    /// The waiting task, resumed by a signal or by its timer.
    var waiter: CheckedContinuation<Void, Never>?
    /// Which wait a timer belongs to (a timer of an earlier wait must not end a later one).
    var generation: UInt64 = 0
  }

  private let state = Mutex(State())

  /// Ends the current wait, or the next one.
  func signal() {
    let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
      guard let waiter = state.waiter else {
        state.pending = true
        return nil
      }
      state.waiter = nil
      return waiter
    }
    waiter?.resume()
  }

  /// Returns after `interval`, or earlier when signalled or cancelled.
  func wait(upTo interval: Duration) async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let generation = state.withLock { state -> UInt64? in
          if state.pending || Task.isCancelled {
            state.pending = false
            return nil
          }
          state.generation &+= 1
          state.waiter = continuation
          return state.generation
        }
        guard let generation else {
          continuation.resume()
          return
        }
        Task { [self] in
          try? await Task.sleep(for: interval)
          expire(generation)
        }
      }
    } onCancel: {
      signal()
    }
  }

  /// The timer of wait `generation` ran out: ends that wait if it is still the current one.
  private func expire(_ generation: UInt64) {
    let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
      guard state.generation == generation, let waiter = state.waiter else { return nil }
      state.waiter = nil
      return waiter
    }
    waiter?.resume()
  }
}
