public import Foundation

/// The daily credit allowance for refreshes: a limit per UTC day and what today has spent so far.
public struct CreditBudget: Sendable, Hashable, Codable {
  /// Credits allowed per UTC day; `Int.max` means unlimited.
  public var dailyLimit: Int
  /// Credits already spent on `day`.
  public var spentToday: Int
  /// The first instant (00:00 UTC) of the day `spentToday` counts for.
  public var day: Date

  /// Creates a budget; `day` may be any instant of the UTC day the spending belongs to.
  public init(dailyLimit: Int, spentToday: Int = 0, day: Date) {
    self.dailyLimit = max(0, dailyLimit)
    self.spentToday = max(0, spentToday)
    self.day = PlanCalendar.startOfUTCDay(day)
  }

  /// A budget that never runs out, for policies compared without a limit.
  public static func unlimited(day: Date) -> CreditBudget {
    CreditBudget(dailyLimit: .max, day: day)
  }

  /// Whether the limit is `Int.max`.
  public var isUnlimited: Bool { dailyLimit == .max }

  /// Credits still available at `now`: the full limit once `now` is past `day`, else what is left today.
  public func available(at now: Date) -> Int {
    if PlanCalendar.startOfUTCDay(now) > day { return dailyLimit }
    return max(0, dailyLimit - min(spentToday, dailyLimit))
  }

  /// When the budget next resets: 00:00 UTC after `now`.
  public func nextReset(after now: Date) -> Date {
    PlanCalendar.startOfNextUTCDay(now)
  }

  /// The budget after spending `credits` at `now`, rolling `day` forward (and `spentToday` to zero) when
  /// `now` is on a later UTC day.
  public func spending(_ credits: Int, at now: Date) -> CreditBudget {
    let today = PlanCalendar.startOfUTCDay(now)
    let base = today > day ? 0 : spentToday
    let (sum, overflow) = base.addingReportingOverflow(max(0, credits))
    return CreditBudget(
      dailyLimit: dailyLimit, spentToday: overflow ? .max : sum, day: max(today, day))
  }
}
