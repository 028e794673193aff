public import Foundation

/// UTC day arithmetic and fixed-format dates for plan reasons, without locale or calendar lookups.
public enum PlanCalendar {
  /// Seconds in a UTC day (Unix time has no leap seconds).
  public static let secondsPerDay: Double = 86_400

  /// The first instant of the UTC day that contains `date`.
  public static func startOfUTCDay(_ date: Date) -> Date {
    let seconds = date.timeIntervalSince1970
    guard seconds.isFinite else { return date }
    return Date(timeIntervalSince1970: (seconds / secondsPerDay).rounded(.down) * secondsPerDay)
  }

  /// The first instant of the UTC day after the one that contains `date`.
  static func startOfNextUTCDay(_ date: Date) -> Date {
    startOfUTCDay(date).addingTimeInterval(secondsPerDay)
  }

  /// `date` as `YYYY-MM-DD` in UTC; dates beyond ±100,000 years read `unknown date`.
  public static func dayString(_ date: Date) -> String {
    let dayCount = (date.timeIntervalSince1970 / secondsPerDay).rounded(.down)
    guard dayCount.isFinite, abs(dayCount) < 36_500_000 else { return "unknown date" }
    // Howard Hinnant's civil_from_days: proleptic Gregorian calendar from days since 1970-01-01.
    let z = Int(dayCount) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// `date` as an RFC 3339 UTC timestamp with whole seconds (`2026-11-30T06:00:12Z`).
  public static func timestampString(_ date: Date) -> String {
    let seconds = date.timeIntervalSince1970
    guard seconds.isFinite, abs(seconds) < 36_500_000 * secondsPerDay else { return "unknown date" }
    let dayStart = (seconds / secondsPerDay).rounded(.down) * secondsPerDay
    let secondOfDay = Int((seconds - dayStart).rounded(.down))
    let time =
      "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    return "\(dayString(date))T\(time)Z"
  }

  /// `n` as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st.
  static func ordinal(_ n: Int) -> String {
    let lastTwo = abs(n) % 100
    let suffix: String
    if (11...13).contains(lastTwo) {
      suffix = "th"
    } else {
      switch abs(n) % 10 {
      case 1: suffix = "st"
      case 2: suffix = "nd"
      case 3: suffix = "rd"
      default: suffix = "th"
      }
    }
    return "\(n)\(suffix)"
  }

  /// `n` with comma thousands separators (`1,000,000`), independent of locale.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return n < 0 ? "-" + out : out
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value.magnitude)
    let padded =
      text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    return value < 0 ? "-" + padded : padded
  }
}
