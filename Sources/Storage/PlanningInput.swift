public import Domain

/// What the planner is fed from the database: only the candidates that can be due, their signals, and the
/// day's spending.
public struct PlanningInput: Sendable, Hashable {
  /// Candidates with a queued signal, past their tier's staleness deadline, or never verified; ascending id.
  public var candidates: [PlanningCandidate]
  /// The queued signals of those candidates (newer or older than the record: the planner tells).
  public var signals: [PlanningSignal]
  /// Credits the ledger shows spent on the current UTC day.
  public var creditsSpentToday: Int

  /// Creates an input.
  public init(candidates: [PlanningCandidate], signals: [PlanningSignal], creditsSpentToday: Int) {
    self.candidates = candidates
    self.signals = signals
    self.creditsSpentToday = creditsSpentToday
  }
}
