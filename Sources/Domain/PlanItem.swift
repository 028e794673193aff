import Foundation

/// The planner's decision for one candidate, with its place in line and the reason.
public struct PlanItem: Sendable, Hashable, Encodable {
  /// The candidate the item is about.
  public var candidateID: Int64
  /// Refresh now, wait for budget, or skip.
  public var decision: PlanDecision
  /// The candidate's tier at planning time.
  public var tier: RefreshTier
  /// The place in line for due items (refresh and wait); nil for skipped ones.
  public var priority: PlanPriority?
  /// Signals newer than the record: settled by this refresh, or kept while the item waits or is skipped.
  public var signalIDs: [Int64]
  /// Signals older than the record: kept, trigger nothing.
  public var olderSignalIDs: [Int64]
  /// Credits the refresh costs (for refresh and wait items); 0 for skipped ones.
  public var credits: Int
  /// Why.
  public var reason: PlanReason

  /// Creates an item.
  public init(
    candidateID: Int64, decision: PlanDecision, tier: RefreshTier, priority: PlanPriority?,
    signalIDs: [Int64], olderSignalIDs: [Int64], credits: Int, reason: PlanReason
  ) {
    self.candidateID = candidateID
    self.decision = decision
    self.tier = tier
    self.priority = priority
    self.signalIDs = signalIDs
    self.olderSignalIDs = olderSignalIDs
    self.credits = credits
    self.reason = reason
  }

  private enum CodingKeys: String, CodingKey {
    case candidateID = "candidate_id"
    case decision, tier, priority, credits, reason
    case signalIDs = "signal_ids"
    case olderSignalIDs = "older_signal_ids"
  }

  private enum PriorityKeys: String, CodingKey {
    case tier, cause, since
  }

  private enum ReasonKeys: String, CodingKey {
    case code, sentence
    case position
    case resumesAt = "resumes_at"
    case dueCode = "due_code"
  }

  /// Encodes the item for `--json`: snake_case keys, RFC 3339 dates, the reason as code and sentence.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(candidateID, forKey: .candidateID)
    try container.encode(decision, forKey: .decision)
    try container.encode(tier, forKey: .tier)
    if let priority {
      var nested = container.nestedContainer(keyedBy: PriorityKeys.self, forKey: .priority)
      try nested.encode(priority.tier, forKey: .tier)
      try nested.encode(priority.cause, forKey: .cause)
      try nested.encode(PlanCalendar.timestampString(priority.since), forKey: .since)
    } else {
      try container.encodeNil(forKey: .priority)
    }
    try container.encode(signalIDs, forKey: .signalIDs)
    try container.encode(olderSignalIDs, forKey: .olderSignalIDs)
    try container.encode(credits, forKey: .credits)
    var nested = container.nestedContainer(keyedBy: ReasonKeys.self, forKey: .reason)
    try nested.encode(reason.code, forKey: .code)
    try nested.encode(reason.sentence, forKey: .sentence)
    if case .waitingForBudget(_, let position, let resumesAt, let due) = reason {
      try nested.encode(position, forKey: .position)
      try nested.encode(PlanCalendar.timestampString(resumesAt), forKey: .resumesAt)
      try nested.encode(due.code, forKey: .dueCode)
    }
  }
}
