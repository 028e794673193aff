public import Domain
public import Foundation

/// What processing one stored delivery produced, written back in one transaction.
public struct InboxProcessingResult: Sendable, Hashable {
  /// A signal resolved to a candidate we hold.
  public struct ResolvedSignal: Sendable, Hashable {
    /// Position of the signal in the adapter's output: with the inbox id, the idempotency key.
    public var ordinal: Int
    /// The candidate it is about.
    public var candidateID: Int64
    /// The signal; its `detectedAt` is filled (the delivery's receipt time when the provider gave none).
    public var signal: Signal

    /// Creates a resolved signal.
    public init(ordinal: Int, candidateID: Int64, signal: Signal) {
      self.ordinal = ordinal
      self.candidateID = candidateID
      self.signal = signal
    }
  }

  /// The inbox id.
  public var inboxID: Int64
  /// The new status.
  public var status: InboxStatus
  /// The reason, for quarantine, or a note (e.g. "test delivery").
  public var error: String?
  /// Signals to keep.
  public var signals: [ResolvedSignal]
  /// How many signals were about people we do not hold.
  public var ignoredCount: Int
  /// When to delete the body; nil keeps it.
  public var bodyPurgeAfter: Date?
  /// Delete the body now (suppressed deliveries).
  public var deleteBody: Bool
  /// When processing finished.
  public var processedAt: Date

  /// Creates a result.
  public init(
    inboxID: Int64, status: InboxStatus, error: String? = nil, signals: [ResolvedSignal] = [],
    ignoredCount: Int = 0, bodyPurgeAfter: Date? = nil, deleteBody: Bool = false, processedAt: Date
  ) {
    self.inboxID = inboxID
    self.status = status
    self.error = error
    self.signals = signals
    self.ignoredCount = ignoredCount
    self.bodyPurgeAfter = bodyPurgeAfter
    self.deleteBody = deleteBody
    self.processedAt = processedAt
  }
}
