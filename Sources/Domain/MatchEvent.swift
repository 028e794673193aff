/// A reason to tell a vacancy's owner about a candidate, raised by `MatchEventPolicy`.
public struct MatchEvent: Sendable, Hashable, Codable {
  /// What happened.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The score reached the notify threshold from below it (or on its first scoring).
    case crossedThreshold = "crossed_threshold"
    /// The score moved up or down by at least the notify delta.
    case movedByDelta = "moved_by_delta"
    /// A candidate in this vacancy's pipeline changed job or opened to work.
    case pipelineCandidateChanged = "pipeline_candidate_changed"
  }

  /// What happened.
  public var kind: Kind
  /// Why, as one English sentence (scores only, no personal data).
  public var reason: String

  /// Creates an event.
  public init(kind: Kind, reason: String) {
    self.kind = kind
    self.reason = reason
  }
}
