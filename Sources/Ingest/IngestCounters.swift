import Synchronization

/// Counters of what the receiver did, by source and outcome; read by `/metrics`.
public final class IngestCounters: Sendable {
  /// The outcome of one request to the webhook endpoint.
  public enum Outcome: String, Sendable, CaseIterable {
    /// Stored and acknowledged (202).
    case accepted
    /// Already stored (200).
    case duplicate
    /// Signature, timestamp or header check failed (401/400).
    case refused
    /// The store failed (503).
    case failed
  }

  private let received = Mutex<[Key: Int]>([:])
  private let failures = Mutex<[Key: Int]>([:])

  private struct Key: Hashable {
    var source: String
    var label: String
  }

  /// Creates empty counters.
  public init() {}

  /// Counts one request's outcome.
  public func record(source: String, outcome: Outcome) {
    received.withLock { $0[Key(source: source, label: outcome.rawValue), default: 0] += 1 }
  }

  /// Counts one verification failure by its reason code.
  public func recordFailure(source: String, reason: String) {
    failures.withLock { $0[Key(source: source, label: reason), default: 0] += 1 }
  }

  /// Deliveries received, as (source, outcome, count) rows sorted for stable output.
  public var receivedCounts: [(source: String, outcome: String, count: Int)] {
    received.withLock { counts in
      counts.map { ($0.key.source, $0.key.label, $0.value) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }
  }

  /// Verification failures, as (source, reason, count) rows sorted for stable output.
  public var failureCounts: [(source: String, reason: String, count: Int)] {
    failures.withLock { counts in
      counts.map { ($0.key.source, $0.key.label, $0.value) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }
  }
}
