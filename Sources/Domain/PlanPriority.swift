public import Foundation

/// Where a due item stands in line: tier first, then what made it due, then how long it has waited.
///
/// Ascending order is service order: `a < b` means `a` is refreshed before `b`. Equal priorities are
/// served by ascending candidate id.
public struct PlanPriority: Sendable, Hashable, Codable, Comparable {
  /// What made an item due, most valuable first.
  public enum Cause: String, Sendable, Hashable, Codable, CaseIterable {
    /// A job change signal.
    case jobChanged = "job_changed"
    /// An open-to-work signal.
    case openToWork = "open_to_work"
    /// A profile change signal.
    case profileChanged = "profile_changed"
    /// A notification-only signal: something changed, no data.
    case changed
    /// No signal: the record passed its tier's staleness limit, or was never verified.
    case overdue

    /// The cause a signal kind gives.
    public init(_ kind: Signal.Kind) {
      switch kind {
      case .jobChanged: self = .jobChanged
      case .openToWork: self = .openToWork
      case .profileChanged: self = .profileChanged
      case .changed: self = .changed
      }
    }

    /// Position in the service order: job change first.
    var rank: Int {
      switch self {
      case .jobChanged: 0
      case .openToWork: 1
      case .profileChanged: 2
      case .changed: 3
      case .overdue: 4
      }
    }
  }

  /// The candidate's tier.
  public var tier: RefreshTier
  /// What made the item due.
  public var cause: Cause
  /// Since when it has been due: the oldest counting signal, or the passed staleness deadline.
  public var since: Date

  /// Creates a priority.
  public init(tier: RefreshTier, cause: Cause, since: Date) {
    self.tier = tier
    self.cause = cause
    self.since = since
  }

  /// Whether `lhs` is served before `rhs`.
  public static func < (lhs: PlanPriority, rhs: PlanPriority) -> Bool {
    if lhs.tier != rhs.tier { return lhs.tier.rank < rhs.tier.rank }
    if lhs.cause != rhs.cause { return lhs.cause.rank < rhs.cause.rank }
    return lhs.since < rhs.since
  }
}
