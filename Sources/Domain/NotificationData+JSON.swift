import Foundation

/// Notification data as stored in the outbox, written and read by hand: every match event the re-matcher
/// raises (tens of thousands in a large delta) becomes one of these, and Foundation's `JSONEncoder` and
/// `JSONDecoder` cost far more per notification than the database writes around them.
extension NotificationData {
  /// The JSON `encoder()` makes of this data, byte for byte (sorted keys, nil fields left out, RFC 3339
  /// times, numbers as the encoder writes them): the webhook payload carries it verbatim, so it must not
  /// change with the way it is produced. Throws, as the encoder does, for a non-finite score part.
  public func encodedJSON() throws -> String {
    if let score, score.breakdown.contains(where: { !$0.points.isFinite }) {
      return String(decoding: try Self.encoder().encode(self), as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(320 + summary.utf8.count + (score?.reason.utf8.count ?? 0))
    out.append(UInt8(ascii: "{"))
    if let candidate {
      Self.append(#""candidate":{"id":"#, to: &out)
      JSONStringLiteral.append(candidate.id, to: &out)
      Self.append("},", to: &out)
    }
    Self.append(#""changes":["#, to: &out)
    for (index, change) in changes.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append(UInt8(ascii: "{"))
      if let after = change.after {
        Self.append(#""after":"#, to: &out)
        JSONStringLiteral.append(after, to: &out)
        out.append(UInt8(ascii: ","))
      }
      if let before = change.before {
        Self.append(#""before":"#, to: &out)
        JSONStringLiteral.append(before, to: &out)
        out.append(UInt8(ascii: ","))
      }
      Self.append(#""field":"#, to: &out)
      JSONStringLiteral.append(change.field, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    Self.append(#"],"event_count":"#, to: &out)
    Self.append(integer: eventCount, to: &out)
    Self.append(#","event_types":["#, to: &out)
    for (index, type) in eventTypes.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONStringLiteral.append(type, to: &out)
    }
    Self.append(#"],"observed_at":"#, to: &out)
    JSONStringLiteral.append(NotificationTime.rfc3339(observedAt), to: &out)
    Self.append(#","recruiter":{"id":"#, to: &out)
    JSONStringLiteral.append(recruiter.id, to: &out)
    out.append(UInt8(ascii: "}"))
    if let score {
      Self.append(#","score":{"breakdown":["#, to: &out)
      for (index, part) in score.breakdown.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        Self.append(#"{"feature":"#, to: &out)
        JSONStringLiteral.append(part.feature, to: &out)
        Self.append(#","points":"#, to: &out)
        Self.append(number: part.points, to: &out)
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
      if let previous = score.previous {
        Self.append(#","previous":"#, to: &out)
        Self.append(integer: previous, to: &out)
      }
      Self.append(#","reason":"#, to: &out)
      JSONStringLiteral.append(score.reason, to: &out)
      Self.append(#","score":"#, to: &out)
      Self.append(integer: score.score, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    Self.append(#","summary":"#, to: &out)
    JSONStringLiteral.append(summary, to: &out)
    if let vacancy {
      Self.append(#","vacancy":{"id":"#, to: &out)
      JSONStringLiteral.append(vacancy.id, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "}"))
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads data that `encodedJSON()` or `encoder()` wrote. The stored form is read by hand; anything
  /// else (other spacing is fine; unknown or repeated keys, other number forms are not) goes to
  /// `decoder()`, so the answer, or the error, is always the one `decoder()` would give.
  public static func decode(json text: String) throws -> NotificationData {
    if let data = NotificationJSONReader.data(from: text) { return data }
    return try decoder().decode(NotificationData.self, from: Data(text.utf8))
  }

  private static func append(_ text: String, to out: inout [UInt8]) {
    out.append(contentsOf: text.utf8)
  }

  /// `value` in decimal, as the encoder writes an integer (a small string: no allocation).
  private static func append(integer value: Int, to out: inout [UInt8]) {
    out.append(contentsOf: String(value).utf8)
  }

  /// A finite double as the encoder writes it: its `description` without a trailing `.0`.
  private static func append(number value: Double, to out: inout [UInt8]) {
    if value == value.rounded(.towardZero) && value.magnitude < 1e15
      && !(value == 0 && value.sign == .minus)
    {
      append(integer: Int(value), to: &out)
      return
    }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    out.append(contentsOf: text.utf8)
  }
}
