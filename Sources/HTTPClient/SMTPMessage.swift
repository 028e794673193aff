public import Foundation

/// One email as handed to an SMTP server: the envelope (sender, recipients) and the RFC 5322 bytes.
public struct SMTPMessage: Sendable {
  /// The envelope sender (`MAIL FROM`), a bare address such as `noreply@example.com`.
  public var sender: String
  /// The envelope recipients (`RCPT TO`), bare addresses; at least one.
  public var recipients: [String]
  /// The message: header fields, an empty line, the body; CRLF line endings. libcurl dot-stuffs it.
  public var data: [UInt8]

  /// Creates a message from ready-made RFC 5322 bytes.
  public init(sender: String, recipients: [String], data: [UInt8]) {
    self.sender = sender
    self.recipients = recipients
    self.data = data
  }

  /// Composes a UTF-8 plain-text email with `From`, `To`, `Subject`, `Date`, `Message-ID` and MIME fields.
  ///
  /// Non-ASCII subjects and names become RFC 2047 encoded words; a body that is ASCII with lines of at most
  /// 998 bytes is sent as 7bit, anything else as base64. Line endings are normalised to CRLF.
  /// Throws `.invalidMessage` for addresses or names with CR, LF, NUL, spaces or angle brackets.
  public static func plainText(
    from sender: String, fromName: String? = nil, to recipients: [String], subject: String,
    body: String,
    date: Date = Date(), messageID: String? = nil
  ) throws(SMTPClientError) -> SMTPMessage {
    guard !recipients.isEmpty, ([sender] + recipients).allSatisfy(isPlainAddress) else {
      throw .invalidMessage
    }
    if let fromName, fromName.unicodeScalars.contains(where: { $0.value < 32 || $0 == "\u{7F}" }) {
      throw .invalidMessage
    }
    let domain = sender.split(separator: "@").last.map(String.init) ?? "talentwatch.invalid"
    let identifier = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
    guard isPlainHeaderValue(identifier) else { throw .invalidMessage }
    let fromField = fromName.map { "\(encodedPhrase($0)) <\(sender)>" } ?? sender
    let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let plain =
      body.unicodeScalars.allSatisfy { $0.isASCII } && lines.allSatisfy { $0.utf8.count <= 998 }
    var header = [
      "From: \(fromField)",
      "To: \(recipients.joined(separator: ", "))",
      "Subject: \(encodedText(subject))",
      "Date: \(HTTPDate.format(date).replacingOccurrences(of: " GMT", with: " +0000"))",
      "Message-ID: \(identifier)",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: \(plain ? "7bit" : "base64")",
    ].joined(separator: "\r\n")
    header += "\r\n\r\n"
    let text =
      plain
      ? lines.joined(separator: "\r\n")
      : wrapped(Data(lines.joined(separator: "\r\n").utf8).base64EncodedString(), width: 76)
    return SMTPMessage(
      sender: sender, recipients: recipients, data: Array((header + text + "\r\n").utf8))
  }

  /// Whether `address` is a bare address libcurl can put between angle brackets.
  static func isPlainAddress(_ address: String) -> Bool {
    !address.isEmpty && address.contains("@")
      && !address.unicodeScalars.contains {
        $0.value <= 32 || $0 == "\u{7F}" || $0 == "<" || $0 == ">"
      }
  }

  /// Whether `value` is safe in a header field: no control characters.
  private static func isPlainHeaderValue(_ value: String) -> Bool {
    !value.unicodeScalars.contains { $0.value < 32 || $0 == "\u{7F}" }
  }

  /// A display name as a quoted string, or as encoded words when it is not plain ASCII.
  private static func encodedPhrase(_ name: String) -> String {
    guard name.unicodeScalars.allSatisfy({ $0.isASCII }) else { return encodedText(name) }
    let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "\"", with: "\\\"")
    return "\"\(escaped)\""
  }

  /// Header text as is when printable ASCII, else RFC 2047 `=?UTF-8?B?...?=` words of at most 45 bytes each.
  private static func encodedText(_ text: String) -> String {
    let flat = text.unicodeScalars.map { $0.value < 32 || $0 == "\u{7F}" ? " " : String($0) }
      .joined()
    guard !flat.unicodeScalars.allSatisfy({ $0.isASCII }) else { return flat }
    var words: [String] = []
    var chunk = ""
    for character in flat {
      if chunk.utf8.count + String(character).utf8.count > 45 {
        words.append(chunk)
        chunk = ""
      }
      chunk.append(character)
    }
    if !chunk.isEmpty { words.append(chunk) }
    return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(
      separator: "\r\n ")
  }

  /// `text` broken into CRLF-separated lines of `width` characters.
  private static func wrapped(_ text: String, width: Int) -> String {
    var lines: [Substring] = []
    var rest = Substring(text)
    while !rest.isEmpty {
      lines.append(rest.prefix(width))
      rest = rest.dropFirst(width)
    }
    return lines.joined(separator: "\r\n")
  }
}
