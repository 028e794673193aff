import Synchronization

/// Hands the senders of a replay their next fixture, and spaces deliveries out to at most `rate` per
/// second across every sender (`replay --rate N`). Both counters are behind mutexes.
final class ReplayPacer: Sendable {
  private let interval: Duration?
  private let nextIndex = Mutex(0)
  private let nextSlot = Mutex<ContinuousClock.Instant?>(nil)

  /// A pacer for `rate` deliveries per second; nil or not positive means no limit.
  init(rate: Double?) {
    if let rate, rate > 0 {
      interval = .nanoseconds(Int64((1_000_000_000 / rate).rounded()))
    } else {
      interval = nil
    }
  }

  /// The index of the next fixture to send (0, 1, 2, ... across all senders).
  func claim() -> Int {
    nextIndex.withLock { value in
      defer { value += 1 }
      return value
    }
  }

  /// Returns when the caller's slot has come: slots are handed out `1/rate` seconds apart.
  func wait() async {
    guard let interval else { return }
    let slot = nextSlot.withLock { next in
      let now = ContinuousClock.now
      let slot = max(next ?? now, now)
      next = slot + interval
      return slot
    }
    if slot > ContinuousClock.now {
      try? await Task.sleep(until: slot, clock: .continuous)
    }
  }
}
