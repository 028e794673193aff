public import Domain
public import Foundation
public import Storage

/// The pure part of processing one delivery: from the adapter's output and who we hold, the new status.
public enum DeliveryDecision {
  /// Decides the outcome for `entry`.
  /// - Parameters:
  ///   - decoded: the adapter's output, or its error (quarantine).
  ///   - resolve: the candidate id for a person reference, nil when we do not hold them.
  ///   - ignoredBodyRetention: how long the body of a delivery about nobody we hold is kept.
  ///   - isSuppressed: whether a person was erased (on the suppression list). Their signals are dropped
  ///     and the body is deleted at once; when every signal named a suppressed person the status is
  ///     `suppressed`.
  public static func decide(
    entry: InboxEntry, decoded: Result<DecodedDelivery, AdapterError>,
    resolve: (PersonReference) throws -> Int64?, now: Date, ignoredBodyRetention: TimeInterval,
    isSuppressed: (PersonReference) throws -> Bool = { _ in false }
  ) rethrows -> InboxProcessingResult {
    let delivery: DecodedDelivery
    switch decoded {
    case .failure(let error):
      return InboxProcessingResult(
        inboxID: entry.id, status: .quarantined, error: error.reason, processedAt: now)
    case .success(let value):
      delivery = value
    }
    if delivery.isTest {
      return InboxProcessingResult(
        inboxID: entry.id, status: .processed, error: "test delivery", processedAt: now)
    }
    var resolved: [InboxProcessingResult.ResolvedSignal] = []
    var ignored = 0
    var suppressed = 0
    for (ordinal, signal) in delivery.signals.enumerated() {
      // A person we hold is processed even when their identity is on the suppression list: erasure
      // deletes the record, so a held record means they were added again with an audited override.
      guard let candidateID = try resolve(signal.person) else {
        if try isSuppressed(signal.person) {
          suppressed += 1
        } else {
          ignored += 1
        }
        continue
      }
      var kept = signal
      if kept.detectedAt == nil { kept.detectedAt = entry.receivedAt }
      resolved.append(.init(ordinal: ordinal, candidateID: candidateID, signal: kept))
    }
    if suppressed > 0 && resolved.isEmpty {
      return InboxProcessingResult(
        inboxID: entry.id, status: .suppressed, ignoredCount: ignored + suppressed,
        deleteBody: true,
        processedAt: now)
    }
    if resolved.isEmpty && ignored > 0 {
      return InboxProcessingResult(
        inboxID: entry.id, status: .ignored, ignoredCount: ignored,
        bodyPurgeAfter: now.addingTimeInterval(ignoredBodyRetention), processedAt: now)
    }
    // A run that also names people we do not hold keeps their data no longer than an ignored delivery:
    // the body goes after the same window (the signals about our own people are already taken out).
    return InboxProcessingResult(
      inboxID: entry.id, status: .processed, signals: resolved, ignoredCount: ignored + suppressed,
      bodyPurgeAfter: ignored > 0 ? now.addingTimeInterval(ignoredBodyRetention) : nil,
      deleteBody: suppressed > 0, processedAt: now)
  }
}
