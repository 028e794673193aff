/// Why the planner refused its input or a policy.
public enum PlannerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The same candidate id appeared twice in one planning input.
  case duplicateCandidate(id: Int64)
  /// A policy setting is out of range; `field` is its configuration key.
  case invalidPolicy(field: String, reason: String)

  /// A sentence for logs and usage errors.
  public var description: String {
    switch self {
    case .duplicateCandidate(let id): "candidate \(id) appears more than once in the planning input"
    case .invalidPolicy(let field, let reason): "\(field): \(reason)"
    }
  }
}
