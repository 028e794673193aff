/// The Prometheus text exposition format (0.0.4): escaping and number formatting.
public enum Exposition {
  /// The `Content-Type` of a scrape response.
  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  /// Appends `# HELP` (backslash and newline escaped) and `# TYPE` lines.
  static func header(name: String, help: String, type: String, into output: inout String) {
    output += "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(type)\n"
  }

  /// Appends one sample line, `name{a="x",b="y"} value`.
  static func sample(
    name: String, labelNames: [String], labels: [String], value: Double, into output: inout String
  ) {
    output += name
    if !labelNames.isEmpty {
      output += "{"
      for (index, pair) in zip(labelNames, labels).enumerated() {
        if index > 0 { output += "," }
        output += "\(pair.0)=\"\(escapeLabelValue(pair.1))\""
      }
      output += "}"
    }
    output += " \(number(value))\n"
  }

  /// A label value with backslash, double quote and newline escaped.
  public static func escapeLabelValue(_ value: String) -> String {
    var escaped = ""
    for character in value {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// HELP text with backslash and newline escaped.
  public static func escapeHelp(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// A sample value: integers without a fraction, `+Inf`, `-Inf`, `NaN`, else Swift's shortest form.
  public static func number(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
