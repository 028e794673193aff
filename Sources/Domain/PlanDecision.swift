/// What the plan does with one candidate.
public enum PlanDecision: String, Sendable, Hashable, Codable, CaseIterable {
  /// Re-enrich the record now.
  case refresh
  /// Due, but today's credit budget is spent: first in line when it resets.
  case waitForBudget = "wait_for_budget"
  /// Not refreshed; the reason says why.
  case skip
}
