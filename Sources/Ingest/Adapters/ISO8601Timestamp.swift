import Foundation

/// Reads the ISO 8601 / RFC 3339 timestamps providers write, without a formatter (no locale, no allocation).
///
/// Accepted: `2026-11-30`, `2026-11-30T06:00`, `2026-11-30T06:00:12`, with `.` or `,` and 1–9 (or more,
/// truncated) fractional digits, then `Z`, `z`, `±HH:MM`, `±HHMM`, `±HH` or nothing. `t` or a space may
/// separate date and time. A time without an offset is read as UTC; a bare date is midnight UTC.
enum ISO8601Timestamp {
  /// The instant a timestamp names, or nil when the text is not one of the accepted forms or names no real day.
  static func date(from text: String) -> Date? {
    var reader = Reader(bytes: text.utf8)
    guard let year = reader.number(digits: 4), reader.skip("-"),
      let month = reader.number(digits: 2), reader.skip("-"),
      let day = reader.number(digits: 2),
      (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day)
    else { return nil }
    var seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
    var nanoseconds = 0
    if !reader.isAtEnd {
      guard reader.skip("T") || reader.skip("t") || reader.skip(" "),
        let hour = reader.number(digits: 2), reader.skip(":"),
        let minute = reader.number(digits: 2),
        hour < 24, minute < 60
      else { return nil }
      var second = 0
      if reader.skip(":") {
        guard let value = reader.number(digits: 2), value <= 60 else { return nil }
        second = value
        if reader.skip(".") || reader.skip(",") {
          guard let fraction = reader.fractionNanoseconds() else { return nil }
          nanoseconds = fraction
        }
      }
      seconds += hour * 3_600 + minute * 60 + second
      guard let offset = reader.offsetSeconds() else { return nil }
      seconds -= offset
    }
    guard reader.isAtEnd else { return nil }
    return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1_000_000_000)
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
  private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// A cursor over the timestamp's UTF-8 bytes.
  private struct Reader {
    /// The text's bytes.
    let bytes: String.UTF8View
    /// The next byte to read.
    var index: String.UTF8View.Index

    /// Starts at the first byte.
    init(bytes: String.UTF8View) {
      self.bytes = bytes
      self.index = bytes.startIndex
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { index == bytes.endIndex }

    /// Consumes `character` when it is next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
      guard !isAtEnd, bytes[index] == UInt8(ascii: character) else { return false }
      bytes.formIndex(after: &index)
      return true
    }

    /// Reads exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
      var value = 0
      for _ in 0..<digits {
        guard let digit = nextDigit() else { return nil }
        value = value * 10 + digit
      }
      return value
    }

    /// Reads one or more fractional digits as nanoseconds (digits past the ninth are dropped).
    mutating func fractionNanoseconds() -> Int? {
      var value = 0
      var count = 0
      while let digit = nextDigit() {
        if count < 9 { value = value * 10 + digit }
        count += 1
      }
      guard count > 0 else { return nil }
      for _ in count..<max(count, 9) { value *= 10 }
      return value
    }

    /// Reads the offset east of UTC in seconds: `Z`, `z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (UTC).
    mutating func offsetSeconds() -> Int? {
      if isAtEnd || skip("Z") || skip("z") { return 0 }
      let sign: Int
      if skip("+") {
        sign = 1
      } else if skip("-") {
        sign = -1
      } else {
        return nil
      }
      guard let hours = number(digits: 2), hours < 24 else { return nil }
      var minutes = 0
      if !isAtEnd {
        _ = skip(":")
        guard let value = number(digits: 2), value < 60 else { return nil }
        minutes = value
      }
      return sign * (hours * 3_600 + minutes * 60)
    }

    private mutating func nextDigit() -> Int? {
      guard !isAtEnd else { return nil }
      let byte = bytes[index]
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      bytes.formIndex(after: &index)
      return Int(byte - UInt8(ascii: "0"))
    }
  }
}
