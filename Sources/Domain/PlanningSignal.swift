public import Foundation

/// A stored change signal that has not yet been settled by a refresh, as the planner sees it.
public struct PlanningSignal: Sendable, Hashable, Codable {
  /// The signal's row id, so plan items can name the signals they coalesce.
  public var id: Int64
  /// The candidate the signal is about.
  public var candidateID: Int64
  /// What kind of change the provider reported.
  public var kind: Signal.Kind
  /// When the provider detected the change (the store uses the receive time when the payload has none).
  public var detectedAt: Date

  /// Creates a planning signal.
  public init(id: Int64, candidateID: Int64, kind: Signal.Kind, detectedAt: Date) {
    self.id = id
    self.candidateID = candidateID
    self.kind = kind
    self.detectedAt = detectedAt
  }
}

/// The name the design brief uses for a planner input signal.
public typealias PendingSignal = PlanningSignal
