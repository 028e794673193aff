import Foundation

/// Reads the `data` object of a notification as the outbox stores it, by hand over UTF-8 bytes, for the
/// digest merge (one per match event folded into a waiting digest).
///
/// Strict on purpose: only JSON that `JSONDecoder` reads the same way is accepted (every key known and
/// present once, integers without fraction or exponent, finite numbers, valid escapes); for anything else
/// it answers nil and the caller asks `NotificationData.decoder()`, so a hand-read value is always the one
/// the decoder would have produced.
struct NotificationJSONReader {
  private let bytes: [UInt8]
  private var index = 0
  /// Set by the first thing that is not as expected; every read after it answers a placeholder.
  private var failed = false

  private init(_ text: String) { bytes = Array(text.utf8) }

  /// The data `text` holds, or nil when it is not in the form the outbox writes.
  static func data(from text: String) -> NotificationData? {
    var reader = NotificationJSONReader(text)
    let data = reader.notificationData()
    reader.skipSpace()
    guard !reader.failed, reader.index == reader.bytes.count else { return nil }
    return data
  }

  private mutating func notificationData() -> NotificationData? {
    var recruiter: String?
    var candidate: NotificationData.Reference?
    var vacancy: NotificationData.Reference?
    var summary: String?
    var changes: [NotificationChange]?
    var score: NotificationScore?
    var observedAt: Date?
    var eventCount: Int?
    var eventTypes: [String]?
    var seen = Keys()
    guard begin(UInt8(ascii: "{")) else { return nil }
    var first = true
    while let key = nextKey(&first) {
      switch key {
      case "recruiter" where seen.insert(0): recruiter = reference()?.id
      case "candidate" where seen.insert(1): candidate = optional { $0.reference() }
      case "vacancy" where seen.insert(2): vacancy = optional { $0.reference() }
      case "summary" where seen.insert(3): summary = string()
      case "changes" where seen.insert(4): changes = array { $0.change() }
      case "score" where seen.insert(5): score = optional { $0.score() }
      case "observed_at" where seen.insert(6):
        observedAt = string().flatMap(NotificationTime.parse)
        if observedAt == nil { failed = true }
      case "event_count" where seen.insert(7): eventCount = integer()
      case "event_types" where seen.insert(8): eventTypes = array { $0.string() }
      default: failed = true
      }
      if failed { return nil }
    }
    guard !failed, let recruiter, let summary, let changes, let observedAt, let eventCount,
      let eventTypes
    else {
      failed = true
      return nil
    }
    var data = NotificationData(
      recruiter: recruiter, candidateID: nil, vacancyID: nil, summary: summary, changes: changes,
      score: score, observedAt: observedAt, eventTypes: eventTypes, eventCount: eventCount)
    data.candidate = candidate
    data.vacancy = vacancy
    return data
  }

  private mutating func reference() -> NotificationData.Reference? {
    var id: String?
    guard begin(UInt8(ascii: "{")) else { return nil }
    var first = true
    while let key = nextKey(&first) {
      guard key == "id", id == nil else {
        failed = true
        return nil
      }
      id = string()
    }
    guard !failed, let id else { return fail() }
    return NotificationData.Reference(id: id)
  }

  private mutating func change() -> NotificationChange? {
    var field: String?
    var before: String??
    var after: String??
    guard begin(UInt8(ascii: "{")) else { return nil }
    var first = true
    while let key = nextKey(&first) {
      switch key {
      case "field" where field == nil: field = string()
      case "before" where before == nil: before = .some(optional { $0.string() })
      case "after" where after == nil: after = .some(optional { $0.string() })
      default: failed = true
      }
      if failed { return nil }
    }
    guard !failed, let field else { return fail() }
    return NotificationChange(field: field, before: before ?? nil, after: after ?? nil)
  }

  private mutating func score() -> NotificationScore? {
    var total: Int?
    var previous: Int??
    var reason: String?
    var breakdown: [NotificationScore.Part]?
    guard begin(UInt8(ascii: "{")) else { return nil }
    var first = true
    while let key = nextKey(&first) {
      switch key {
      case "score" where total == nil: total = integer()
      case "previous" where previous == nil: previous = .some(optional { $0.integer() })
      case "reason" where reason == nil: reason = string()
      case "breakdown" where breakdown == nil: breakdown = array { $0.part() }
      default: failed = true
      }
      if failed { return nil }
    }
    guard !failed, let total, let reason, let breakdown else { return fail() }
    return NotificationScore(
      score: total, previous: previous ?? nil, reason: reason, breakdown: breakdown)
  }

  private mutating func part() -> NotificationScore.Part? {
    var feature: String?
    var points: Double?
    guard begin(UInt8(ascii: "{")) else { return nil }
    var first = true
    while let key = nextKey(&first) {
      switch key {
      case "feature" where feature == nil: feature = string()
      case "points" where points == nil: points = number()
      default: failed = true
      }
      if failed { return nil }
    }
    guard !failed, let feature, let points else { return fail() }
    return NotificationScore.Part(feature: feature, points: points)
  }

  // MARK: - JSON

  /// Which keys of an object were read (bit per key), to refuse repeats.
  private struct Keys {
    private var bits: UInt16 = 0

    /// Marks key `bit`; false when it was already there.
    mutating func insert(_ bit: Int) -> Bool {
      let mask: UInt16 = 1 << bit
      defer { bits |= mask }
      return bits & mask == 0
    }
  }

  private mutating func fail<T>() -> T? {
    failed = true
    return nil
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
      default: return
      }
    }
  }

  /// Consumes `byte` after optional space; false (and failed) when something else comes.
  private mutating func begin(_ byte: UInt8) -> Bool {
    skipSpace()
    guard !failed, index < bytes.count, bytes[index] == byte else {
      failed = true
      return false
    }
    index += 1
    return true
  }

  /// The next member's key with its `:` consumed, or nil at the closing `}` (or on failure).
  private mutating func nextKey(_ first: inout Bool) -> String? {
    skipSpace()
    guard !failed, index < bytes.count else { return fail() }
    if bytes[index] == UInt8(ascii: "}") {
      index += 1
      return nil
    }
    if first {
      first = false
    } else {
      guard begin(UInt8(ascii: ",")) else { return nil }
      skipSpace()
    }
    guard let key = string(), begin(UInt8(ascii: ":")) else { return fail() }
    return key
  }

  /// nil for `null`, else `value`'s answer (which must not be nil).
  private mutating func optional<T>(_ value: (inout Self) -> T?) -> T? {
    skipSpace()
    if bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"),
      bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
      bytes[index + 3] == UInt8(ascii: "l")
    {
      index += 4
      return nil
    }
    guard let result = value(&self) else { return fail() }
    return result
  }

  private mutating func array<T>(_ element: (inout Self) -> T?) -> [T]? {
    guard begin(UInt8(ascii: "[")) else { return nil }
    var elements: [T] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return elements
    }
    while true {
      guard let value = element(&self), !failed else { return fail() }
      elements.append(value)
      skipSpace()
      guard index < bytes.count else { return fail() }
      switch bytes[index] {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return elements
      default: return fail()
      }
    }
  }

  /// A string literal: raw UTF-8 up to the closing quote, escapes decoded; raw control characters,
  /// unknown escapes and unpaired surrogates fail.
  private mutating func string() -> String? {
    guard begin(UInt8(ascii: "\"")) else { return nil }
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      index += 1
    }
    var text = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
      case 0..<0x20: return fail()
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { return fail() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
          guard let scalar = unicodeEscape() else { return fail() }
          text.append(contentsOf: String(Character(scalar)).utf8)
        default: return fail()
        }
      default: text.append(byte)
      }
    }
    return fail()
  }

  /// The scalar of a `\u` escape (its `\u` consumed), joining a surrogate pair.
  private mutating func unicodeEscape() -> Unicode.Scalar? {
    guard let unit = hex4() else { return nil }
    if (0xDC00...0xDFFF).contains(unit) { return nil }
    guard (0xD800...0xDBFF).contains(unit) else { return Unicode.Scalar(unit) }
    guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
      bytes[index + 1] == UInt8(ascii: "u")
    else { return nil }
    index += 2
    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
    return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
  }

  private mutating func hex4() -> UInt32? {
    guard bytes.count - index >= 4 else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      index += 1
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// An integer: `-?(0|[1-9][0-9]*)`, no fraction or exponent, within `Int`.
  private mutating func integer() -> Int? {
    skipSpace()
    let start = index
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard digits() else { return fail() }
    if index < bytes.count,
      bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e")
    {
      return fail()
    }
    guard let value = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else {
      return fail()
    }
    return value
  }

  /// A number in JSON's grammar (`-?int(.digits)?([eE][+-]?digits)?`) that is finite as a `Double`.
  private mutating func number() -> Double? {
    skipSpace()
    let start = index
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard digits() else { return fail() }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digitRun() else { return fail() }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard digitRun() else { return fail() }
    }
    guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)),
      value.isFinite
    else { return fail() }
    return value
  }

  /// The integer part of a number: `0` or a run of digits not starting with `0`.
  private mutating func digits() -> Bool {
    guard index < bytes.count else { return false }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      return !(index < bytes.count && isDigit(bytes[index]))
    }
    return digitRun()
  }

  /// One or more digits.
  private mutating func digitRun() -> Bool {
    let start = index
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    return index > start
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
