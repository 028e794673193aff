import Foundation
public import Storage

/// The group-commit writer: concurrent deliveries share one transaction (and one fsync), and each caller
/// hears back only after the transaction holding its delivery has committed.
///
/// One dedicated thread takes everything that is waiting (up to `maximumBatch`), appends it in one
/// transaction through the database's writer, then completes each waiting request. Under load the
/// batch grows by itself while the previous commit is syncing, so throughput scales without a timer.
public final class InboxWriter: @unchecked Sendable {
  /// Completes one append: the outcome once committed, or the error that stopped the transaction.
  public typealias Completion = @Sendable (Result<InboxAppendOutcome, any Error>) -> Void

  /// Why an append was not attempted.
  public struct StoppedError: Error, CustomStringConvertible {
    /// A human sentence.
    public var description: String { "the inbox writer is stopped" }
  }

  private struct Waiting {
    var delivery: InboxDelivery
    var completion: Completion
  }

  // `queue`, `state` and the counters are guarded by `condition`.
  private let condition = NSCondition()
  private var queue: [Waiting] = []
  private var state: State = .idle
  private var batches = 0
  /// Appends counted per 100 ms window: the current window's start and count, and the previous count.
  private var windowStart = ContinuousClock.now
  private var windowCount = 0
  private var previousWindowCount = 0
  private var largestBatch = 0
  private let finished = DispatchSemaphore(value: 0)

  private enum State { case idle, running, stopping, stopped }

  private let database: Database
  private let maximumBatch: Int
  private let onCommit: @Sendable (_ accepted: Int) -> Void

  /// Creates a writer over `database`; `onCommit` is called after each commit that stored something new.
  public init(
    database: Database, maximumBatch: Int = 512,
    onCommit: @escaping @Sendable (_ accepted: Int) -> Void = { _ in }
  ) {
    self.database = database
    self.maximumBatch = max(1, maximumBatch)
    self.onCommit = onCommit
  }

  /// Starts the writer thread.
  public func start() {
    condition.lock()
    defer { condition.unlock() }
    guard state == .idle else { return }
    state = .running
    let thread = Thread { [self] in loop() }
    thread.name = "talentwatch.inbox-writer"
    thread.start()
  }

  /// Queues a delivery; `completion` runs on the writer thread after the commit (or failure).
  public func append(_ delivery: InboxDelivery, completion: @escaping Completion) {
    condition.lock()
    guard state == .running else {
      condition.unlock()
      completion(.failure(StoppedError()))
      return
    }
    queue.append(Waiting(delivery: delivery, completion: completion))
    countAppend(at: ContinuousClock.now)
    condition.signal()
    condition.unlock()
  }

  /// Commits what is already queued, refuses new appends, and returns when the thread has ended.
  public func stop() {
    condition.lock()
    let wasRunning = state == .running
    if wasRunning { state = .stopping }
    if state == .idle { state = .stopped }
    condition.broadcast()
    condition.unlock()
    if wasRunning { finished.wait() }
  }

  /// Appends within 100 ms that make a burst (200 a second): a steady trickle below it is not one.
  public static let burstAppendsPer100Milliseconds = 20

  /// Whether a burst is arriving (at least `burstAppendsPer100Milliseconds` appends in the current or
  /// the previous 100 ms window), during which processing should give the writer to the receiver:
  /// acknowledging is what senders wait for; processing can follow.
  public var isBusy: Bool {
    condition.lock()
    defer { condition.unlock() }
    let age = ContinuousClock.now - windowStart
    if age >= .milliseconds(200) { return false }
    let recent = age >= .milliseconds(100) ? windowCount : max(windowCount, previousWindowCount)
    return recent >= Self.burstAppendsPer100Milliseconds
  }

  /// Counts one append in its 100 ms window; called with `condition` held.
  private func countAppend(at now: ContinuousClock.Instant) {
    let age = now - windowStart
    if age >= .milliseconds(100) {
      previousWindowCount = age < .milliseconds(200) ? windowCount : 0
      windowStart = now
      windowCount = 0
    }
    windowCount += 1
  }

  /// Transactions committed so far and the largest number of deliveries one of them held.
  public var statistics: (batches: Int, largestBatch: Int) {
    condition.lock()
    defer { condition.unlock() }
    return (batches, largestBatch)
  }

  private func loop() {
    while let batch = nextBatch() {
      commit(batch)
    }
    finished.signal()
  }

  /// Waits for work; returns nil when stopping and nothing is left.
  private func nextBatch() -> [Waiting]? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && state == .running { condition.wait() }
    if queue.isEmpty {
      state = .stopped
      return nil
    }
    let count = min(queue.count, maximumBatch)
    let batch = Array(queue.prefix(count))
    queue.removeFirst(count)
    batches += 1
    largestBatch = max(largestBatch, count)
    return batch
  }

  private func commit(_ batch: [Waiting]) {
    let deliveries = batch.map(\.delivery)
    do {
      let outcomes = try database.writeSync { connection in
        try connection.transaction { try InboxStore.append(deliveries, in: connection) }
      }
      let accepted = outcomes.filter { if case .accepted = $0 { true } else { false } }.count
      // Tell the processor first, so anyone who hears back from an append sees it counted.
      if accepted > 0 { onCommit(accepted) }
      for (waiting, outcome) in zip(batch, outcomes) {
        waiting.completion(.success(outcome))
      }
    } catch {
      for waiting in batch { waiting.completion(.failure(error)) }
    }
  }
}
