public import Foundation

/// How much a candidate's record is worth keeping fresh, from their pipeline activity.
public enum RefreshTier: String, Sendable, Hashable, Codable, CaseIterable {
  /// In the pipeline of an open vacancy with activity within the policy's active window.
  case active
  /// In at least one open pipeline, without recent activity.
  case pipeline
  /// In no open pipeline.
  case dormant

  /// Derives the tier from a candidate's pipeline memberships at `now`.
  ///
  /// Activity exactly `activeDays` ago still counts as active; activity dated after `now` (clock skew)
  /// counts as recent.
  public static func derive(
    memberships: [PlanningCandidate.Membership], now: Date, activeDays: Int
  ) -> RefreshTier {
    let threshold =
      now.timeIntervalSinceReferenceDate - Double(activeDays) * PlanCalendar.secondsPerDay
    var tier = RefreshTier.dormant
    for membership in memberships where membership.vacancyOpen {
      if let activity = membership.lastActivityAt,
        activity.timeIntervalSinceReferenceDate >= threshold
      {
        return .active
      }
      tier = .pipeline
    }
    return tier
  }

  /// Position in the service order: active first.
  var rank: Int {
    switch self {
    case .active: 0
    case .pipeline: 1
    case .dormant: 2
    }
  }

  /// The tier as a phrase in a reason sentence.
  var phrase: String {
    switch self {
    case .active: "active pipeline candidate"
    case .pipeline: "candidate in an open pipeline without recent activity"
    case .dormant: "dormant candidate (no open pipeline)"
    }
  }
}
