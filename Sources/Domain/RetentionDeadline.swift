public import Foundation

/// When something is deleted and under which rule.
public struct RetentionDeadline: Sendable, Hashable, Codable {
  /// The rule.
  public var rule: RetentionRule
  /// The instant from which it is due.
  public var dueAt: Date

  /// Creates a deadline.
  public init(rule: RetentionRule, dueAt: Date) {
    self.rule = rule
    self.dueAt = dueAt
  }

  /// Whether it is due at `now` (due at and after `dueAt`).
  public func isDue(at now: Date) -> Bool { now >= dueAt }
}
