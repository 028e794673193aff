/// Why the matcher refused to build features or to score.
public enum MatchError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The vacancy's owner switched AI scoring off; no fresh score may be computed for it.
  case scoringStopped(vacancyID: String)
  /// The vacancy's criteria cannot be scored against (`field` names the offending value's path).
  case invalidCriteria(field: String, reason: String)
  /// Notification thresholds out of range.
  case invalidThresholds(String)
  /// A stored score whose parts do not add up or are out of range.
  case inconsistentScore(String)

  /// A one-line English description with no personal data.
  public var description: String {
    switch self {
    case .scoringStopped(let id): "vacancy \(id): AI scoring is switched off"
    case .invalidCriteria(let field, let reason): "\(field): \(reason)"
    case .invalidThresholds(let reason): "thresholds: \(reason)"
    case .inconsistentScore(let reason): "score: \(reason)"
    }
  }
}
