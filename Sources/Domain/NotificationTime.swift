public import Foundation

/// RFC 3339 times as notifications write them: UTC with milliseconds (`2026-12-03T17:35:00.000Z`).
public enum NotificationTime {
  /// `date` as RFC 3339 in UTC with milliseconds.
  public static func rfc3339(_ date: Date) -> String {
    date.formatted(
      Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
  }

  /// Parses RFC 3339 with or without fractional seconds; nil when it is not one.
  public static func parse(_ text: String) -> Date? {
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
      return date
    }
    return try? Date.ISO8601FormatStyle().parse(text)
  }
}
