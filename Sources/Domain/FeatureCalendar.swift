import Foundation

/// Month arithmetic for work-history dates, done by hand so it is exact, fast and needs no time zone:
/// a month index is `year * 12 + (month - 1)`.
enum FeatureCalendar {
  /// The month index of a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date (or a date-time starting so), or nil
  /// when the text is not such a date. A bare year counts from its January.
  static func monthIndex(_ text: String) -> Int32? {
    let utf8 = Array(text.utf8.prefix(10))
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= utf8.count else { return nil }
      var value = 0
      for byte in utf8[range] {
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard let year = number(0..<4), year >= 1900, year <= 2200 else { return nil }
    var month = 1
    if utf8.count > 4 {
      guard utf8[4] == UInt8(ascii: "-"), let parsed = number(5..<7), (1...12).contains(parsed)
      else {
        return nil
      }
      month = parsed
    }
    return Int32(year * 12 + month - 1)
  }

  /// The month index (UTC) of an instant.
  static func monthIndex(_ date: Date) -> Int32 {
    let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    // Civil-from-days (Howard Hinnant's algorithm), proleptic Gregorian calendar.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return Int32(year * 12 + month - 1)
  }
}
