import Foundation

/// Times on the command line and in the output of `inbox` and `replay`: RFC 3339 in UTC.
enum ReplayTime {
  /// `2026-12-03T17:35:00.123Z` (milliseconds, UTC).
  static func format(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(
        includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
  }

  /// Reads a `--since` value: an RFC 3339 time (`2026-12-01T00:00:00Z`, fractional seconds and offsets
  /// allowed) or an age before `now` (`90s`, `30m`, `24h`, `7d`); nil when it is neither.
  static func parseSince(_ text: String, now: Date) -> Date? {
    if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 {
      let seconds: Double? =
        switch unit {
        case "s": 1
        case "m": 60
        case "h": 3600
        case "d": 86_400
        default: nil
        }
      if let seconds { return now.addingTimeInterval(-amount * seconds) }
    }
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
      return date
    }
    return try? Date.ISO8601FormatStyle().parse(text)
  }
}
