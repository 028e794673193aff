/// Why a simulation could not run.
public enum SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A configuration value is out of range; `field` is its key.
  case invalidConfig(field: String, reason: String)
  /// The planner refused the simulated input (a bug in the simulation if it ever happens).
  case planner(PlannerError)

  /// A sentence for usage errors and logs.
  public var description: String {
    switch self {
    case .invalidConfig(let field, let reason): "\(field): \(reason)"
    case .planner(let error): "planner: \(error)"
    }
  }
}
