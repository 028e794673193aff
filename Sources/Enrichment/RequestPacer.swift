public import Domain
import Foundation

/// Keeps the client under its requests-per-minute limit: books a start time and sleeps until it is due.
public actor RequestPacer {
  private var window: SlidingWindowLimit
  private let clock: any Clock

  /// A pacer allowing `requestsPerMinute` within any 60 seconds.
  public init(requestsPerMinute: Int, clock: any Clock) {
    self.clock = clock
    self.window = SlidingWindowLimit(requestsPerMinute: requestsPerMinute)
  }

  /// Waits until one more request may be sent; throws `CancellationError` when cancelled.
  public func acquire() async throws {
    let wait = window.reserve(now: clock.now())
    if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
  }
}
