/// Where a stored delivery stands.
public enum InboxStatus: String, Sendable, Hashable, CaseIterable, Codable {
  /// Stored and acknowledged, not yet turned into signals.
  case pending
  /// Turned into signals (possibly none, for a provider's test delivery).
  case processed
  /// Verified but unreadable: kept with the reason, to be re-processed once the adapter is fixed.
  case quarantined
  /// About a person on the suppression list: the body was deleted.
  case suppressed
  /// About nobody we hold: no signal was kept, and the body is deleted after a window.
  case ignored
}
