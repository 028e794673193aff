public import Domain
import Foundation

/// Keeps the client under its requests-per-minute limit: reserves a token and sleeps until it is due.
public actor RequestPacer {
  private var bucket: TokenBucket
  private let clock: any Clock

  /// A pacer allowing `requestsPerMinute`, with the burst of one full minute.
  public init(requestsPerMinute: Int, clock: any Clock) {
    self.clock = clock
    self.bucket = TokenBucket(requestsPerMinute: requestsPerMinute, now: clock.now())
  }

  /// Waits until one more request may be sent; throws `CancellationError` when cancelled.
  public func acquire() async throws {
    let wait = bucket.reserve(now: clock.now())
    if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
  }
}
