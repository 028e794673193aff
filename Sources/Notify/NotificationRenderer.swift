import Domain
import Foundation
import HTTPClient
import Storage

/// Renders a claimed delivery for each channel: the Standard Webhooks body, the Slack message, the email.
enum NotificationRenderer {
  /// `{"type": ..., "timestamp": ..., "data": {...}}` with the stored data object verbatim.
  static func webhookBody(_ delivery: OutboxDelivery) -> [UInt8] {
    let timestamp = observedAt(delivery) ?? NotificationTime.rfc3339(delivery.createdAt)
    return Array(
      "{\"type\":\(jsonString(delivery.kind)),\"timestamp\":\(jsonString(timestamp)),\"data\":\(delivery.data)}"
        .utf8)
  }

  /// A Slack incoming-webhook message: `text` (the fallback) plus `blocks`. Every text that came from
  /// provider or recruiter data is escaped for Slack (`&`, `<`, `>`), so a name such as
  /// `<!channel> <https://evil.example|log in>` shows as written instead of pinging or linking.
  static func slackBody(_ delivery: OutboxDelivery) -> [UInt8] {
    let lines = detailLines(delivery).map(escapeSlack)
    let summary = escapeSlack(delivery.summary)
    var blocks: [[String: Any]] = [
      ["type": "header", "text": ["type": "plain_text", "text": title(delivery)]],
      ["type": "section", "text": ["type": "mrkdwn", "text": summary]],
    ]
    if !lines.isEmpty {
      blocks.append(
        [
          "type": "section",
          "text": ["type": "mrkdwn", "text": lines.map { "• \($0)" }.joined(separator: "\n")],
        ])
    }
    blocks.append([
      "type": "context",
      "elements": [
        [
          "type": "mrkdwn",
          "text": "\(escapeSlack(delivery.kind)) · \(escapeSlack(delivery.notificationID))",
        ]
      ],
    ])
    let message: [String: Any] = [
      "text": "\(escapeSlack(title(delivery))): \(summary)", "blocks": blocks,
    ]
    return (try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])).map {
      Array($0)
    } ?? Array("{\"text\":\(jsonString(delivery.summary))}".utf8)
  }

  /// Text as Slack shows it literally: the three characters its message format gives meaning to
  /// (links, mentions, entities) escaped as Slack documents.
  static func escapeSlack(_ text: String) -> String { escapeEntities(text, quotes: false) }

  /// A multipart/alternative email (plain text and HTML) with Message-ID, Date, From, To and Subject.
  /// The Message-ID is derived from the notification and channel, so a retry carries the same one.
  static func email(_ delivery: OutboxDelivery, from: String, to: String, date: Date) throws
    -> SMTPMessage
  {
    guard [from, to].allSatisfy(isPlainAddress) else { throw SMTPClientError.invalidMessage }
    let domain = from.split(separator: "@").last.map(String.init) ?? "talentwatch.invalid"
    let lines = detailLines(delivery)
    let subject = "talentwatch: \(title(delivery))"
    let plain =
      ([delivery.summary, ""] + lines.map { "- \($0)" } + [
        "", "Event: \(delivery.kind)", "Notification: \(delivery.notificationID)",
      ]).joined(separator: "\r\n")
    let html =
      "<html><body><p>\(escapeHTML(delivery.summary))</p>"
      + (lines.isEmpty
        ? "" : "<ul>" + lines.map { "<li>\(escapeHTML($0))</li>" }.joined() + "</ul>")
      + "<p><small>\(escapeHTML(delivery.kind)) &middot; \(escapeHTML(delivery.notificationID))</small></p>"
      + "</body></html>"
    let boundary = "tw-" + delivery.notificationID
    let header = [
      "From: \(from)",
      "To: \(to)",
      "Subject: \(encodedHeader(subject))",
      "Date: \(HTTPDate.format(date).replacingOccurrences(of: " GMT", with: " +0000"))",
      "Message-ID: <\(delivery.notificationID).\(delivery.channelID)@\(domain)>",
      "MIME-Version: 1.0",
      "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
    ].joined(separator: "\r\n")
    let body = [
      "--\(boundary)",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(plain),
      "--\(boundary)",
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(html),
      "--\(boundary)--",
      "",
    ].joined(separator: "\r\n")
    return SMTPMessage(
      sender: from, recipients: [to], data: Array((header + "\r\n\r\n" + body).utf8))
  }

  /// A short title per kind.
  static func title(_ delivery: OutboxDelivery) -> String {
    switch NotificationKind(rawValue: delivery.kind) {
    case .jobChanged: "Candidate changed job"
    case .openToWork: "Candidate is open to work"
    case .profileChanged: "Candidate profile changed"
    case .scoreChanged: "Match score changed"
    case .refreshFailed: "Refresh failed"
    case .channelDisabled: "Notification channel disabled"
    case nil: "Notification"
    }
  }

  /// `field: before → after` per change and the score with its breakdown, from the stored data.
  static func detailLines(_ delivery: OutboxDelivery) -> [String] {
    guard
      let data = try? NotificationData.decoder().decode(
        NotificationData.self, from: Data(delivery.data.utf8))
    else { return [] }
    var lines = data.changes.map { "\($0.field): \($0.before ?? "–") → \($0.after ?? "–")" }
    if let score = data.score {
      lines.append(
        "score \(score.previous.map(String.init) ?? "–") → \(score.score) (\(score.reason))")
      lines += score.breakdown.map { "\($0.feature): \(String(format: "%.1f", $0.points))" }
    }
    if let candidate = data.candidate { lines.append("candidate \(candidate.id)") }
    if let vacancy = data.vacancy { lines.append("vacancy \(vacancy.id)") }
    lines.append("observed \(NotificationTime.rfc3339(data.observedAt))")
    return lines
  }

  private static func observedAt(_ delivery: OutboxDelivery) -> String? {
    (try? NotificationData.decoder().decode(NotificationData.self, from: Data(delivery.data.utf8)))
      .map { NotificationTime.rfc3339($0.observedAt) }
  }

  /// A JSON string literal.
  static func jsonString(_ text: String) -> String { JSONStringLiteral.quoted(text) }

  private static func isPlainAddress(_ address: String) -> Bool {
    !address.isEmpty && address.contains("@")
      && !address.unicodeScalars.contains {
        $0.value <= 32 || $0 == "\u{7F}" || $0 == "<" || $0 == ">"
      }
  }

  private static func encodedHeader(_ text: String) -> String {
    let flat = String(text.unicodeScalars.map { $0.value < 32 ? " " : Character($0) })
    guard !flat.unicodeScalars.allSatisfy({ $0.isASCII }) else { return flat }
    return "=?UTF-8?B?\(Data(flat.utf8).base64EncodedString())?="
  }

  private static func base64Lines(_ text: String) -> String {
    let encoded = Data(text.utf8).base64EncodedString()
    var lines: [Substring] = []
    var rest = Substring(encoded)
    while !rest.isEmpty {
      lines.append(rest.prefix(76))
      rest = rest.dropFirst(76)
    }
    return lines.joined(separator: "\r\n")
  }

  private static func escapeHTML(_ text: String) -> String { escapeEntities(text, quotes: true) }

  /// `&`, `<`, `>` (and with `quotes`, `"`) as character entities.
  private static func escapeEntities(_ text: String, quotes: Bool) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"" where quotes: escaped += "&quot;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
