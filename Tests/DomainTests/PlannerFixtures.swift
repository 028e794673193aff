import Domain
import Foundation

/// Fixed instants and small builders for the planner specifications.
enum PlannerFixtures {
  /// The planning instant: 2026-12-01T06:00:00Z.
  static let now = Date(timeIntervalSince1970: 1_796_104_800)
  /// One day in seconds.
  static let day: TimeInterval = 86_400

  /// `now` moved by a number of days (negative = past).
  static func daysFromNow(_ days: Double) -> Date { now.addingTimeInterval(days * day) }

  /// A membership in an open pipeline with activity `daysAgo` days before `now`.
  static func active(_ daysAgo: Double = 1) -> PlanningCandidate.Membership {
    .init(vacancyOpen: true, lastActivityAt: daysFromNow(-daysAgo))
  }

  /// A membership in an open pipeline without recent activity.
  static let idle = PlanningCandidate.Membership(
    vacancyOpen: true, lastActivityAt: daysFromNow(-60))

  /// A candidate verified `verifiedDaysAgo` days before `now`.
  static func candidate(
    _ id: Int64, verifiedDaysAgo: Double?, memberships: [PlanningCandidate.Membership] = [],
    purgeInDays: Double? = nil
  ) -> PlanningCandidate {
    PlanningCandidate(
      id: id, lastVerifiedAt: verifiedDaysAgo.map { daysFromNow(-$0) },
      retentionPurgeAt: purgeInDays.map { daysFromNow($0) }, memberships: memberships)
  }

  /// A signal detected `daysAgo` days before `now`.
  static func signal(_ id: Int64, for candidateID: Int64, _ kind: Signal.Kind, daysAgo: Double)
    -> PlanningSignal
  {
    PlanningSignal(id: id, candidateID: candidateID, kind: kind, detectedAt: daysFromNow(-daysAgo))
  }

  /// A budget with no limit for `now`'s day.
  static var unlimited: CreditBudget { .unlimited(day: now) }

  /// Plans with the default policy (or `policy`) and an unlimited budget unless given.
  static func plan(
    _ candidates: [PlanningCandidate], _ signals: [PlanningSignal] = [],
    policy: PlannerPolicy = .delta, budget: CreditBudget? = nil, at instant: Date = now
  ) throws -> Plan {
    try Planner(policy: policy).plan(
      candidates: candidates, signals: signals, budget: budget ?? .unlimited(day: instant),
      now: instant)
  }
}

extension Plan {
  /// The item for `id`, when present.
  func item(_ id: Int64) -> PlanItem? { items.first { $0.candidateID == id } }
}
