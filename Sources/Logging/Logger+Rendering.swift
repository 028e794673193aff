public import Foundation

extension Logger {
  /// Keys every line has; metadata under these names is written as `metadata.<name>` instead.
  static let reservedKeys: Set<String> = ["time", "level", "label", "message"]

  /// One log line: a JSON object with `time`, `level`, `label`, `message`, then the metadata sorted by key,
  /// sensitive values redacted, ending in a newline.
  public static func render(
    time: Date, level: LogLevel, label: String, message: String, metadata: Metadata
  ) -> String {
    var line = "{\"time\":\"\(timestamp(time))\",\"level\":\"\(level.rawValue)\",\"label\":"
    appendJSONString(label, to: &line)
    line += ",\"message\":"
    appendJSONString(message, to: &line)
    for key in metadata.keys.sorted() {
      guard let value = metadata[key] else { continue }
      line += ","
      appendJSONString(reservedKeys.contains(key) ? "metadata.\(key)" : key, to: &line)
      line += ":"
      if Redaction.isSensitive(key) {
        appendJSONString(Redaction.placeholder, to: &line)
        continue
      }
      switch value {
      case .string(let text): appendJSONString(text, to: &line)
      case .integer(let number): line += String(number)
      case .double(let number):
        if number.isFinite { line += "\(number)" } else { appendJSONString("\(number)", to: &line) }
      case .bool(let flag): line += flag ? "true" : "false"
      }
    }
    line += "}\n"
    return line
  }

  /// RFC 3339 in UTC with milliseconds: `2026-12-03T16:00:00.123Z`.
  public static func timestamp(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero))
    let (seconds, millis) = floorDivide(milliseconds, 1000)
    let (days, secondOfDay) = floorDivide(seconds, 86_400)
    // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
      + ":"
      + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(millis, 3) + "Z"
  }

  /// Quotes and escapes `text` as a JSON string (control characters, quotes, backslashes, U+2028/9).
  static func appendJSONString(_ text: String, to line: inout String) {
    line += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": line += "\\\""
      case "\\": line += "\\\\"
      case "\n": line += "\\n"
      case "\r": line += "\\r"
      case "\t": line += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        line += "\\u" + pad(Int64(scalar.value), 4, radix: 16)
      default: line.unicodeScalars.append(scalar)
      }
    }
    line += "\""
  }

  /// Division rounding towards negative infinity, with a non-negative remainder.
  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    return (quotient, value - quotient * divisor)
  }

  /// `value` in `radix`, left-padded with zeros to `width` digits.
  private static func pad(_ value: Int64, _ width: Int, radix: Int = 10) -> String {
    let digits = String(value, radix: radix, uppercase: false)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
