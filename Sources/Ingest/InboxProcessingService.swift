import Foundation
public import Logging
import Synchronization

/// The background service that processes deliveries soon after they are committed.
///
/// The group-commit writer calls `notify()` after each commit; the loop wakes within a few milliseconds,
/// and also looks once a second in case anything was left pending (for example after a restart).
public final class InboxProcessingService: Sendable {
  private let processor: InboxProcessor
  private let logger: Logger
  private let dirty = Mutex(true)
  private let ingestIsBusy: @Sendable () -> Bool

  /// Creates the service; while `ingestIsBusy` says a burst is arriving, processing waits (up to a second
  /// at a time) and then takes one batch, so acknowledgements keep the writer.
  public init(
    processor: InboxProcessor, logger: Logger,
    ingestIsBusy: @escaping @Sendable () -> Bool = { false }
  ) {
    self.processor = processor
    self.logger = logger
    self.ingestIsBusy = ingestIsBusy
  }

  /// Marks that new deliveries are waiting.
  public func notify() { dirty.withLock { $0 = true } }

  /// Runs until cancelled.
  public func run() async {
    var lastLook = ContinuousClock.now
    var yielded = 0
    while !Task.isCancelled {
      let busy = ingestIsBusy()
      // During a burst, one batch after each half second of yielding: acknowledgements first, yet the
      // backlog keeps moving even while a burst lasts.
      if busy && yielded < 25 {
        yielded += 1
        try? await Task.sleep(for: .milliseconds(20))
        continue
      }
      yielded = 0
      let wanted = dirty.withLock { flag in
        defer { flag = false }
        return flag
      }
      if wanted || ContinuousClock.now - lastLook > .seconds(1) {
        lastLook = ContinuousClock.now
        do {
          let processed = try await busy ? processor.processPending() : processor.drain()
          if processed > 0 { continue }
        } catch {
          logger.error("inbox processing failed", ["error": .string(String(describing: error))])
        }
      }
      try? await Task.sleep(for: .milliseconds(20))
    }
  }
}
