import Foundation
import Testing

@testable import Domain

/// The hand-written stored form of notification data must be byte for byte what `JSONEncoder` wrote (the
/// webhook payload carries it verbatim), and reading it by hand must give what `JSONDecoder` gives.
@Suite("notification data JSON")
struct NotificationDataJSONTests {
  /// Pieces random strings are made of: every control character, quotes, backslash, slash, DEL, line
  /// and paragraph separators, accents, CJK and an emoji (a surrogate pair in UTF-16).
  static let pieces: [String] =
    (0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) } + [
      "\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "é", "日本", "🙂", "a", "Z", " ", "0",
      "Senior engineer", "→", "{", "}", "[", ",", ":", "null",
    ]

  static let points: [Double] = [
    0, -0.0, 1, 12, 12.5, -3, 1.0 / 3, 0.1, 1e-7, 1e14, 1e15, 999_999_999_999_999, 1e16, 1e20,
    -2.5e-300, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
  ]

  static func string(_ random: inout SeededRandom) -> String {
    (0..<random.below(8)).map { _ in pieces[random.below(pieces.count)] }.joined()
  }

  static func optionalString(_ random: inout SeededRandom) -> String? {
    random.below(3) == 0 ? nil : string(&random)
  }

  /// A random value: every optional field present or nil, empty and full lists, odd numbers and times.
  static func value(_ random: inout SeededRandom) -> NotificationData {
    let score: NotificationScore? =
      random.below(4) == 0
      ? nil
      : NotificationScore(
        score: random.below(201) - 100, previous: random.below(3) == 0 ? nil : random.below(101),
        reason: string(&random),
        breakdown: (0..<random.below(8)).map { _ in
          NotificationScore.Part(
            feature: string(&random),
            points: random.below(2) == 0
              ? points[random.below(points.count)]
              : (random.nextDouble() - 0.5) * pow(10, Double(random.below(40)) - 20))
        })
    var data = NotificationData(
      recruiter: string(&random),
      candidateID: random.below(3) == 0 ? nil : Int64(random.below(1_000_000)),
      vacancyID: random.below(3) == 0 ? nil : Int64(random.below(1_000)),
      summary: string(&random),
      changes: (0..<random.below(4)).map { _ in
        NotificationChange(
          field: string(&random), before: optionalString(&random), after: optionalString(&random))
      },
      score: score,
      observedAt: Date(
        timeIntervalSince1970: random.nextDouble() * 4_000_000_000 - 1_000_000_000),
      eventTypes: (0..<random.below(4)).map { _ in string(&random) },
      eventCount: [1, 2, 0, -1, 1_000_000, Int.max, Int.min][random.below(7)])
    if random.below(5) == 0 { data.candidate = NotificationData.Reference(id: string(&random)) }
    return data
  }

  @Test("the hand-written JSON is byte for byte what JSONEncoder writes, for 3,000 random values")
  func matchesTheEncoder() throws {
    var random = SeededRandom(seed: 6)
    let encoder = NotificationData.encoder()
    for _ in 0..<3_000 {
      let data = Self.value(&random)
      let expected = String(decoding: try encoder.encode(data), as: UTF8.self)
      #expect(try data.encodedJSON() == expected)
    }
  }

  @Test("what is written reads back by hand as the value JSONDecoder reads, equal to the original")
  func readsBack() throws {
    var random = SeededRandom(seed: 7)
    let decoder = NotificationData.decoder()
    for _ in 0..<3_000 {
      let data = Self.value(&random)
      let json = try data.encodedJSON()
      let byHand = try #require(NotificationJSONReader.data(from: json))
      let expected = try decoder.decode(NotificationData.self, from: Data(json.utf8))
      #expect(byHand == expected)
      #expect(byHand.observedAt == expected.observedAt)
      #expect(try NotificationData.decode(json: json) == expected)
    }
  }

  @Test("a re-match notice's data, as the re-matcher makes it, is written exactly as before")
  func matchNotice() throws {
    let data = NotificationData(
      recruiter: "u_bench", candidateID: 42, vacancyID: 7,
      summary: "Ada Lovelace for Staff \"Platform\" engineer: advisory score 61 → 74",
      changes: [],
      score: NotificationScore(
        score: 74, previous: 61, reason: "crossed_threshold; moved_by_delta",
        breakdown: [
          .init(feature: "skills", points: 30), .init(feature: "title", points: 18),
          .init(feature: "seniority", points: 12), .init(feature: "location", points: 0),
        ]),
      observedAt: Date(timeIntervalSince1970: 1_780_000_060.25),
      eventTypes: ["match.score_changed"])
    let json = try data.encodedJSON()
    #expect(
      json
        == #"{"candidate":{"id":"42"},"changes":[],"event_count":1,"event_types":["match.score_changed"],"#
        + #""observed_at":"2026-05-28T20:27:40.250Z","recruiter":{"id":"u_bench"},"score":{"breakdown":["#
        + #"{"feature":"skills","points":30},{"feature":"title","points":18},"#
        + #"{"feature":"seniority","points":12},{"feature":"location","points":0}],"previous":61,"#
        + #""reason":"crossed_threshold; moved_by_delta","score":74},"#
        + #""summary":"Ada Lovelace for Staff \"Platform\" engineer: advisory score 61 → 74","#
        + #""vacancy":{"id":"7"}}"#)
    #expect(json == String(decoding: try NotificationData.encoder().encode(data), as: UTF8.self))
  }

  @Test("other spacing, escapes and explicit nulls are read by hand like JSONDecoder reads them")
  func otherForms() throws {
    let json = """
       { "summary" : "caf\\u00e9 \\ud83d\\ude00 \\/ \\b\\f\\n\\r\\t\\"\\\\",
        "recruiter":{"id":"u_anna"}, "candidate": null, "vacancy" : {"id":"3"},
        "changes":[ {"field":"title","before":null,"after":"Staff"} , {"field":"company"} ],
        "score": {"score": -0, "previous": null, "reason": "r", "breakdown": [
          {"points": 1.5E+2, "feature": "skills"}, {"feature": "title", "points": -0.25e-1} ]},
        "observed_at": "2027-01-15T08:00:00Z", "event_count": 3, "event_types": [] }\r\n
      """
    let byHand = try #require(NotificationJSONReader.data(from: json))
    let expected = try NotificationData.decoder().decode(
      NotificationData.self, from: Data(json.utf8))
    #expect(byHand == expected)
    #expect(byHand.summary == "café 😀 / \u{8}\u{C}\n\r\t\"\\")
    #expect(byHand.candidate == nil)
    #expect(byHand.changes[0] == NotificationChange(field: "title", before: nil, after: "Staff"))
    #expect(byHand.score?.breakdown.map(\.points) == [150, -0.025])
  }

  @Test("JSON the hand reader does not take goes to JSONDecoder: same value, or the same refusal")
  func fallsBackToTheDecoder() throws {
    let base = try NotificationData(
      recruiter: "u_anna", candidateID: 1, vacancyID: nil, summary: "s", changes: [], score: nil,
      observedAt: Date(timeIntervalSince1970: 1_800_000_000), eventTypes: ["t"]
    ).encodedJSON()
    // Readable by the decoder, not by hand: an unknown key, an integer written with a fraction.
    for json in [
      base.replacingOccurrences(of: #""summary""#, with: #""extra":[1,{"a":null}],"summary""#),
      base.replacingOccurrences(of: #""event_count":1"#, with: #""event_count":1.0"#),
    ] {
      #expect(NotificationJSONReader.data(from: json) == nil)
      let expected = try NotificationData.decoder().decode(
        NotificationData.self, from: Data(json.utf8))
      #expect(try NotificationData.decode(json: json) == expected)
    }
    // Not notification data at all: both refuse.
    for json in [
      "", "{}", "[]", base + "x", String(base.dropLast()),
      base.replacingOccurrences(of: #""recruiter":{"id":"u_anna"},"#, with: ""),
      base.replacingOccurrences(of: #""summary":"s""#, with: #""summary":"\ud800""#),
      base.replacingOccurrences(of: #""summary":"s""#, with: #""summary":"\q""#),
      base.replacingOccurrences(of: #""summary":"s""#, with: "\"summary\":\"\u{1}\""),
      base.replacingOccurrences(of: #""event_count":1"#, with: #""event_count":01"#),
      base.replacingOccurrences(of: #""event_count":1"#, with: #""event_count":"1""#),
      base.replacingOccurrences(
        of: #""observed_at":"2027-01-15T08:00:00.000Z""#, with: #""observed_at":"soon""#),
      base.replacingOccurrences(of: #""summary":"s""#, with: #""summary":null"#),
    ] {
      #expect(NotificationJSONReader.data(from: json) == nil, "\(json)")
      #expect(throws: (any Error).self) { try NotificationData.decode(json: json) }
    }
  }

  @Test("a non-finite score part is refused, as the encoder refuses it")
  func nonFinite() {
    let data = NotificationData(
      recruiter: "u_anna", candidateID: 1, vacancyID: 2, summary: "s", changes: [],
      score: NotificationScore(
        score: 1, previous: nil, reason: "r", breakdown: [.init(feature: "f", points: .nan)]),
      observedAt: Date(timeIntervalSince1970: 0), eventTypes: [])
    #expect(throws: EncodingError.self) { try data.encodedJSON() }
  }
}
