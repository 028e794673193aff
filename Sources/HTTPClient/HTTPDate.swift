public import Foundation

/// Parses and formats HTTP-dates (RFC 9110 §5.6.7) without a `DateFormatter`: IMF-fixdate, and for
/// parsing also the obsolete RFC 850 and asctime forms that recipients must still accept.
public enum HTTPDate {
  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// The instant named by `text`, or nil when it is not an HTTP-date.
  ///
  /// Accepts `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` and
  /// `Sun Nov  6 08:49:37 1994`; all are UTC. Two-digit years below 70 are read as 20xx.
  public static func parse(_ text: String) -> Date? {
    let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(
      String.init)
    guard tokens.count >= 4 else { return nil }
    let rest = Array(tokens.dropFirst())  // the weekday is not checked against the date
    var day: Int?
    var month: Int?
    var year: Int?
    var time: (Int, Int, Int)?
    if rest.count == 4, let monthIndex = monthNumber(rest[0]) {
      // asctime: Nov 6 08:49:37 1994
      (month, day, time, year) = (monthIndex, Int(rest[1]), clock(rest[2]), Int(rest[3]))
    } else if rest.count == 5, rest[4].uppercased() == "GMT" {
      // IMF-fixdate or RFC 850: 06 Nov 1994 08:49:37 GMT
      (day, month, year, time) = (Int(rest[0]), monthNumber(rest[1]), Int(rest[2]), clock(rest[3]))
      if let short = year, rest[2].count == 2 { year = short < 70 ? 2000 + short : 1900 + short }
    }
    guard let day, let month, let year, let (hour, minute, second) = time,
      (1...31).contains(day), (1...9999).contains(year), hour < 24, minute < 60, second < 61
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// `date` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), for `Date`, `Retry-After` and email headers.
  public static func format(_ date: Date) -> String {
    let total = Int(date.timeIntervalSince1970.rounded(.down))
    let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
    let secondOfDay = total - days * 86_400
    let (year, month, day) = civilFromDays(days)
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    let monthName = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][month - 1]
    return "\(weekday), \(twoDigits(day)) \(monthName) \(year) \(twoDigits(secondOfDay / 3600)):"
      + "\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60)) GMT"
  }

  /// A number below 100 with a leading zero.
  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
  }

  /// The proleptic Gregorian date for days since 1970-01-01 (Howard Hinnant's civil_from_days).
  private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// 1-based month number for a three-letter English month name.
  private static func monthNumber(_ text: String) -> Int? {
    months.firstIndex(of: text.lowercased()).map { $0 + 1 }
  }

  /// Hours, minutes and seconds from `hh:mm:ss`.
  private static func clock(_ text: String) -> (Int, Int, Int)? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
      let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]),
      hour >= 0, minute >= 0, second >= 0
    else { return nil }
    return (hour, minute, second)
  }

  /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
