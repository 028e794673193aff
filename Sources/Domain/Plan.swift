public import Foundation

/// One planning run's decisions: due items in service order (refresh, then waiting), then skipped items
/// by candidate id, with totals.
public struct Plan: Sendable, Hashable, Encodable {
  /// Counts and credits over the items.
  public struct Totals: Sendable, Hashable, Codable {
    /// Items to refresh now.
    public var refresh: Int
    /// Items waiting for the next day's budget.
    public var waitForBudget: Int
    /// Items skipped.
    public var skip: Int
    /// Credits the refresh items spend.
    public var creditsPlanned: Int
    /// Credits the waiting items will need.
    public var creditsWaiting: Int

    /// Creates totals.
    public init(
      refresh: Int = 0, waitForBudget: Int = 0, skip: Int = 0, creditsPlanned: Int = 0,
      creditsWaiting: Int = 0
    ) {
      self.refresh = refresh
      self.waitForBudget = waitForBudget
      self.skip = skip
      self.creditsPlanned = creditsPlanned
      self.creditsWaiting = creditsWaiting
    }

    private enum CodingKeys: String, CodingKey {
      case refresh, skip
      case waitForBudget = "wait_for_budget"
      case creditsPlanned = "credits_planned"
      case creditsWaiting = "credits_waiting"
    }
  }

  /// The planning instant.
  public var generatedAt: Date
  /// Credits available when the plan was made.
  public var creditsAvailable: Int
  /// The budget once the planned refreshes are spent: what to store for the next run.
  public var budgetAfter: CreditBudget
  /// One item per candidate given to the planner.
  public var items: [PlanItem]
  /// Counts and credits.
  public var totals: Totals
  /// Signals whose candidate was not in the input: reported, never dropped silently.
  public var unmatchedSignalIDs: [Int64]

  /// Creates a plan.
  public init(
    generatedAt: Date, creditsAvailable: Int, budgetAfter: CreditBudget, items: [PlanItem],
    totals: Totals, unmatchedSignalIDs: [Int64]
  ) {
    self.generatedAt = generatedAt
    self.creditsAvailable = creditsAvailable
    self.budgetAfter = budgetAfter
    self.items = items
    self.totals = totals
    self.unmatchedSignalIDs = unmatchedSignalIDs
  }

  /// A one-line summary: `3 to refresh (3 credits), 12 waiting for budget, 40 skipped`.
  public var summary: String {
    "\(PlanCalendar.grouped(totals.refresh)) to refresh (\(PlanCalendar.grouped(totals.creditsPlanned)) "
      + "credits), \(PlanCalendar.grouped(totals.waitForBudget)) waiting for budget, "
      + "\(PlanCalendar.grouped(totals.skip)) skipped"
      + (unmatchedSignalIDs.isEmpty
        ? "" : ", \(PlanCalendar.grouped(unmatchedSignalIDs.count)) signals for unknown candidates")
  }

  /// The dry-run text: the summary, then one line per item (at most `limit`) with decision and sentence.
  public func formatted(limit: Int? = nil) -> String {
    var lines = ["Plan at \(PlanCalendar.timestampString(generatedAt)): \(summary)."]
    for item in items.prefix(limit ?? items.count) {
      let decision = item.decision.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
      lines.append("\(decision) candidate \(item.candidateID): \(item.reason.sentence)")
    }
    if let limit, items.count > limit {
      lines.append("... \(PlanCalendar.grouped(items.count - limit)) more items")
    }
    return lines.joined(separator: "\n")
  }

  private enum CodingKeys: String, CodingKey {
    case generatedAt = "generated_at"
    case creditsAvailable = "credits_available"
    case items, totals
    case unmatchedSignalIDs = "unmatched_signal_ids"
  }

  /// Encodes the plan for `--json`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(PlanCalendar.timestampString(generatedAt), forKey: .generatedAt)
    try container.encode(creditsAvailable, forKey: .creditsAvailable)
    try container.encode(totals, forKey: .totals)
    try container.encode(unmatchedSignalIDs, forKey: .unmatchedSignalIDs)
    try container.encode(items, forKey: .items)
  }
}
