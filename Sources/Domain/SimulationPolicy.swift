/// The refresh policies the simulation compares, each run through the real `Planner`.
public enum SimulationPolicy: String, Sendable, Hashable, Codable, CaseIterable {
  /// Re-pull everyone every 30 days, ignoring signals.
  case blindTimer = "blind_timer"
  /// Refresh on every signal (notification-only ones too), never on a timer.
  case signalOnly = "signal_only"
  /// The delta planner with the defaults.
  case delta

  /// The planner settings that express this policy.
  public var plannerPolicy: PlannerPolicy {
    switch self {
    case .blindTimer: .blindTimer
    case .signalOnly: .signalOnly
    case .delta: .delta
    }
  }

  /// The policy's name in reports.
  public var label: String {
    switch self {
    case .blindTimer: "blind timer"
    case .signalOnly: "signal-only"
    case .delta: "delta planner"
    }
  }
}
