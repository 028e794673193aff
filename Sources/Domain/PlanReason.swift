public import Foundation

/// Why the planner decided what it did for one candidate: structured for scripts (`code`), readable for
/// people (`sentence`). Sentences are built only when asked for.
public enum PlanReason: Sendable, Hashable {
  /// A signal newer than the record made it due; `coalesced` counts the fresh signals the refresh settles.
  case signalNewerThanRecord(
    kind: Signal.Kind, detectedAt: Date, verifiedAt: Date?, tier: RefreshTier, coalesced: Int)
  /// The record passed its tier's staleness limit.
  case stalenessLimitPassed(verifiedAt: Date, limitDays: Int, tier: RefreshTier)
  /// The record was never verified.
  case neverVerified(tier: RefreshTier)
  /// Due for `due`, but today's budget is spent; `position` is the 1-based place in line.
  indirect case waitingForBudget(dailyLimit: Int, position: Int, resumesAt: Date, due: PlanReason)
  /// The retention purge is due within the guard, so a refresh would be wasted.
  case retentionGuard(purgeAt: Date, guardDays: Int)
  /// Every signal is older than the record: kept, triggers nothing.
  case signalOlderThanRecord(kind: Signal.Kind, detectedAt: Date, verifiedAt: Date)
  /// Only notification-only signals for a dormant candidate: kept until something else makes a refresh
  /// worth paying for.
  case notificationOnlyForDormant(detectedAt: Date, count: Int)
  /// The policy does not act on signals (the blind timer); the newest one is named.
  case signalsIgnoredByPolicy(kind: Signal.Kind, detectedAt: Date, nextCheck: Date?)
  /// Nothing is due: verified recently enough for the tier, no new signal.
  case upToDate(verifiedAt: Date, tier: RefreshTier, nextCheck: Date?)

  /// A stable identifier for scripts and JSON.
  public var code: String {
    switch self {
    case .signalNewerThanRecord: "signal_newer_than_record"
    case .stalenessLimitPassed: "staleness_limit_passed"
    case .neverVerified: "never_verified"
    case .waitingForBudget: "waiting_for_budget"
    case .retentionGuard: "retention_guard"
    case .signalOlderThanRecord: "signal_older_than_record"
    case .notificationOnlyForDormant: "notification_only_dormant"
    case .signalsIgnoredByPolicy: "signals_ignored_by_policy"
    case .upToDate: "up_to_date"
    }
  }

  /// One sentence a recruiter can read; dates are UTC days.
  public var sentence: String {
    switch self {
    case .signalNewerThanRecord(let kind, let detectedAt, let verifiedAt, let tier, let coalesced):
      let record =
        verifiedAt.map { "is newer than the record (verified \(Self.day($0)))" }
        ?? "arrived for a record that was never verified"
      let merged = coalesced > 1 ? "; \(coalesced) signals coalesced into one refresh" : ""
      return
        "\(Self.kindPhrase(kind)) detected \(Self.day(detectedAt)) \(record); \(tier.phrase)\(merged)."
    case .stalenessLimitPassed(let verifiedAt, let limitDays, let tier):
      let article = tier == .active ? "an" : "a"
      return
        "Last verified \(Self.day(verifiedAt)), past the \(limitDays)-day limit for \(article) "
        + "\(tier.phrase)."
    case .neverVerified(let tier):
      return "The record has never been verified; \(tier.phrase)."
    case .waitingForBudget(let dailyLimit, let position, let resumesAt, let due):
      return "Waiting: today's \(PlanCalendar.grouped(dailyLimit))-credit budget is spent; "
        + "\(PlanCalendar.ordinal(position)) in line for tomorrow (\(Self.day(resumesAt))). "
        + "Due because: \(due.sentence)"
    case .retentionGuard(let purgeAt, let guardDays):
      return "Skipped: retention purge due \(Self.day(purgeAt)), within the \(guardDays)-day guard."
    case .signalOlderThanRecord(let kind, let detectedAt, let verifiedAt):
      return
        "Skipped: signal older than the record (\(Self.kindPhrase(kind).lowercased()) detected "
        + "\(Self.day(detectedAt)), record verified \(Self.day(verifiedAt))); kept, triggers nothing."
    case .notificationOnlyForDormant(let detectedAt, let count):
      let what =
        count > 1
        ? "\(count) change notifications (latest \(Self.day(detectedAt))) carry"
        : "a change notification of \(Self.day(detectedAt)) carries"
      return
        "Kept: \(what) no data and the candidate is dormant; waiting for pipeline activity or a "
        + "signal with data before paying for a refresh."
    case .signalsIgnoredByPolicy(let kind, let detectedAt, let nextCheck):
      let next = nextCheck.map { "; next timed check \(Self.day($0))" } ?? ""
      return
        "Skipped: this policy does not refresh on signals (\(Self.kindPhrase(kind).lowercased()) "
        + "detected \(Self.day(detectedAt)))\(next)."
    case .upToDate(let verifiedAt, let tier, let nextCheck):
      let next =
        nextCheck.map { "next timed check \(Self.day($0))" }
        ?? "refreshed only when a signal arrives"
      return "Up to date: verified \(Self.day(verifiedAt)); \(tier.phrase), \(next)."
    }
  }

  /// The reason that made an item due, looking through a budget wait.
  public var dueReason: PlanReason {
    if case .waitingForBudget(_, _, _, let due) = self { return due }
    return self
  }

  private static func day(_ date: Date) -> String { PlanCalendar.dayString(date) }

  private static func kindPhrase(_ kind: Signal.Kind) -> String {
    switch kind {
    case .jobChanged: "Job change"
    case .openToWork: "Open-to-work change"
    case .profileChanged: "Profile change"
    case .changed: "Change notification"
    }
  }
}
