import Foundation

/// RFC 3339 timestamps (UTC, milliseconds) and calendar days for compliance output.
enum ComplianceDates {
  /// `date` as `2026-12-03T17:36:00.000Z`.
  static func rfc3339(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// `date` as a calendar day in UTC, `2026-12-03`.
  static func day(_ date: Date) -> String {
    String(rfc3339(date).prefix(10))
  }
}
