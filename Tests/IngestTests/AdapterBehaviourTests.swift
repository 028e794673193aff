import Domain
import Foundation
import Ingest
import Testing

/// Focused behaviour of the payload adapters beyond the stored fixtures.
@Suite("Adapter behaviour")
struct AdapterBehaviourTests {
  /// Decodes a text body with the adapter for `format`.
  static func decode(_ format: String, _ text: String) throws(AdapterError) -> DecodedDelivery {
    try decode(format, Array(text.utf8))
  }

  /// Decodes a byte body with the adapter for `format`.
  static func decode(_ format: String, _ bytes: [UInt8]) throws(AdapterError) -> DecodedDelivery {
    guard let adapter = PayloadAdapters.adapter(for: format) else {
      throw AdapterError(reason: "no adapter")
    }
    return try adapter.decode(bytes)
  }

  /// The error reason for a byte body, or nil when it decodes.
  static func reason(_ format: String, _ bytes: [UInt8]) -> String? {
    do {
      _ = try decode(format, bytes)
      return nil
    } catch {
      return error.reason
    }
  }

  /// The error reason for a text body, or nil when it decodes.
  static func reason(_ format: String, _ text: String) -> String? {
    reason(format, Array(text.utf8))
  }

  /// An RFC 3339 instant read by Foundation, to compare with the adapters' own parser.
  static func date(_ text: String) -> Date? { AdapterFixture.foundationDate(text) }

  // MARK: Registry

  @Test("the registry lists each format once and finds an adapter by its format name")
  func registry() {
    #expect(
      PayloadAdapters.formats == [
        "canonical", "crustdata-watch", "crustdata-legacy-watcher", "coresignal", "tamradar",
      ])
    for format in PayloadAdapters.formats {
      #expect(PayloadAdapters.adapter(for: format)?.format == format)
    }
    #expect(PayloadAdapters.adapter(for: "dataforb2b") == nil)
    #expect(PayloadAdapters.adapter(for: "Canonical") == nil)
  }

  // MARK: Every adapter, hostile bodies

  @Test(
    "every adapter rejects a 100,000-deep bracket bomb quickly, without a crash",
    arguments: PayloadAdapters.formats)
  func depthBomb(format: String) {
    let clock = ContinuousClock()
    var reason: String?
    let elapsed = clock.measure {
      reason = Self.reason(format, [UInt8](repeating: UInt8(ascii: "["), count: 100_000))
    }
    #expect(reason == "nesting deeper than 32 levels")
    #expect(elapsed < .seconds(1))
  }

  @Test(
    "every adapter answers an empty body and non-UTF-8 bytes with a not-JSON error",
    arguments: PayloadAdapters.formats)
  func emptyAndNonUTF8(format: String) {
    #expect(Self.reason(format, []) == "not JSON: empty body")
    #expect(
      Self.reason(format, Array("{\"profile_url\":\"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8))
        == "not JSON: invalid UTF-8 in the string at byte 15")
    #expect(
      Self.reason(format, "<html><body>502 Bad Gateway</body></html>")
        == "not JSON: unexpected character at byte 0")
  }

  @Test(
    "a value of the wrong type is an error naming its path and type, never the value",
    arguments: [
      (
        "crustdata-watch", #"{"results":[{"record":{"crustdata_person_id":{"name":"Jane Roe"}}}]}"#,
        "results[0].record.crustdata_person_id: expected an integer or a string"
      ),
      (
        "crustdata-watch", #"{"results":[{"record":{"crustdata_person_id":48151623.42}}]}"#,
        "results[0].record.crustdata_person_id: expected an integer or a string"
      ),
      (
        "crustdata-watch", #"{"metadata":{"test":"Jane Roe"},"results":[]}"#,
        "metadata.test: expected a boolean"
      ),
      (
        "crustdata-watch", #"{"metadata":{"delivered_at":"Jane Roe"},"results":[]}"#,
        "metadata.delivered_at: expected an ISO 8601 date-time"
      ),
      ("crustdata-watch", #"{"results":{"Jane Roe":1}}"#, "results: expected an array"),
      (
        "crustdata-watch",
        #"{"results":[{"record":{"crustdata_person_id":7},"changes":[{"field":"experience.employment_details.current","to":{"name":"Jane Roe"}}]}]}"#,
        "results[0].changes[0].to: expected an array"
      ),
      (
        "crustdata-watch",
        #"{"results":[{"record":{"crustdata_person_id":7},"changes":[{"field":"experience.employment_details.current","to":[{"name":["Jane Roe"]}]}]}]}"#,
        "results[0].changes[0].to[0].name: expected a string"
      ),
      (
        "crustdata-watch",
        #"{"results":[{"record":{"basic_profile":{"profile_url":["Jane Roe"]}}}]}"#,
        "results[0].record.basic_profile.profile_url: expected a string"
      ),
      (
        "canonical",
        #"{"type":"person.open_to_work","data":{"person":{"provider":"crustdata","id":"7"},"open":"Jane Roe"}}"#,
        "data.open: expected a boolean"
      ),
      ("canonical", #"{"type":["Jane Roe"],"data":{}}"#, "type: expected a string"),
      (
        "canonical", #"{"type":"person.changed","timestamp":"Jane Roe","data":{}}"#,
        "timestamp: expected an ISO 8601 date-time"
      ),
      (
        "canonical",
        #"{"type":"person.profile_changed","data":{"person":{"provider":"crustdata","id":"7"},"fields":["a",{"Jane Roe":1}]}}"#,
        "data.fields[1]: expected a string"
      ),
      ("coresignal", #"{"member_id":"Jane Roe"}"#, "top level: expected an array"),
      (
        "coresignal", #"[{"member_id":1},{"member_id":true}]"#,
        "[1].member_id: expected an integer or a string"
      ),
      (
        "coresignal", #"[{"member_id":1,"status":{"Jane Roe":1}}]"#, "[0].status: expected a string"
      ),
      (
        "tamradar",
        #"{"content":{"profile_url":"https://www.linkedin.com/in/jane-roe","new_role":"Jane Roe"}}"#,
        "content.new_role: expected an object"
      ),
      (
        "crustdata-legacy-watcher",
        #"{"profile_url":"https://www.linkedin.com/in/jane-roe","changes":{"field_changes":["Jane Roe"]}}"#,
        "changes.field_changes: expected an object"
      ),
    ])
  func wrongTypes(format: String, body: String, expected: String) {
    let reason = Self.reason(format, body)
    #expect(reason == expected)
    #expect(reason?.contains("Jane") == false)
  }

  @Test(
    "a delivery of an unknown shape is an error naming what is missing",
    arguments: [
      ("canonical", #"{"hello":"world"}"#, "type: missing"),
      ("canonical", #"{"type":"person.changed"}"#, "data: missing"),
      ("canonical", #"{"type":"person.changed","data":{"person":null}}"#, "data.person: missing"),
      (
        "canonical", #"{"type":"person.changed","data":{"person":{"id":"7"}}}"#,
        "data.person.provider: missing"
      ),
      (
        "canonical",
        #"{"type":"person.changed","data":{"person":{"provider":"crustdata","id":""}}}"#,
        "data.person: no id or profile_url"
      ),
      (
        "canonical",
        #"{"type":"person.open_to_work","data":{"person":{"provider":"crustdata","id":"7"}}}"#,
        "data.open: missing"
      ),
      (
        "canonical",
        #"{"type":"person.profile_changed","data":{"person":{"provider":"crustdata","id":"7"}}}"#,
        "data.fields: missing"
      ),
      ("canonical", #"{"type":"Jane Roe","data":{}}"#, "type: unknown event type"),
      ("crustdata-watch", #"{"hello":"world"}"#, "results: missing"),
      ("crustdata-watch", #"[]"#, "top level: expected an object"),
      ("crustdata-watch", #"{"results":[{"changes":[]}]}"#, "results[0].record: missing"),
      (
        "crustdata-watch", #"{"results":[{"record":{"crustdata_person_id":""}}]}"#,
        "results[0].record: no crustdata_person_id or profile URL"
      ),
      (
        "crustdata-watch",
        #"{"results":[{"record":{"crustdata_person_id":7},"changes":[{"type":"changed"}]}]}"#,
        "results[0].changes[0].field: missing"
      ),
      ("crustdata-legacy-watcher", #"{"uid":"x","changes":{}}"#, "profile_url: missing"),
      ("coresignal", #"[{"status":"changed"}]"#, "[0].member_id: missing"),
      ("tamradar", #"{"event_type":"radar_finding"}"#, "content: missing"),
      ("tamradar", #"{"content":{"change_type":"promotion"}}"#, "content.profile_url: missing"),
      (
        "tamradar", #"{"event_type":"company_news","content":{"profile_url":"u"}}"#,
        "event_type: unsupported event type"
      ),
    ])
  func unknownShapes(format: String, body: String, expected: String) {
    #expect(Self.reason(format, body) == expected)
  }

  // MARK: Tolerance

  @Test("missing optional fields are tolerated")
  func missingOptionalFields() throws {
    let minimal = try Self.decode(
      "crustdata-watch", #"{"results":[{"record":{"crustdata_person_id":7}}]}"#)
    #expect(
      minimal.signals == [
        Signal(kind: .changed, person: PersonReference(provider: "crustdata", providerID: "7"))
      ])
    #expect(minimal.isTest == false)

    let bareJob = try Self.decode(
      "crustdata-watch",
      #"{"metadata":{},"results":[{"record":{"profile_url":"https://www.linkedin.com/in/x"},"changes":[{"field":"experience.employment_details.current","from":[],"to":[{}]}]}]}"#
    )
    #expect(
      bareJob.signals == [
        Signal(
          kind: .jobChanged,
          person: PersonReference(
            provider: "crustdata", profileURL: "https://www.linkedin.com/in/x"))
      ])

    let canonical = try Self.decode(
      "canonical",
      #"{"type":"person.job_changed","data":{"person":{"provider":"coresignal","id":125}}}"#)
    #expect(
      canonical.signals == [
        Signal(
          kind: .jobChanged, person: PersonReference(provider: "coresignal", providerID: "125"))
      ])

    let tamradar = try Self.decode(
      "tamradar", #"{"content":{"profile_url":"https://www.linkedin.com/in/x"}}"#)
    #expect(
      tamradar.signals == [
        Signal(
          kind: .jobChanged,
          person: PersonReference(provider: "tamradar", profileURL: "https://www.linkedin.com/in/x")
        )
      ])

    let legacy = try Self.decode(
      "crustdata-legacy-watcher", #"{"profile_url":"https://www.linkedin.com/in/x"}"#)
    #expect(
      legacy.signals == [
        Signal(
          kind: .changed,
          person: PersonReference(
            provider: "crustdata", profileURL: "https://www.linkedin.com/in/x"))
      ])

    #expect(try Self.decode("crustdata-watch", #"{"results":[]}"#).signals == [])
    #expect(try Self.decode("coresignal", "[]").signals == [])
  }

  @Test("extra fields anywhere are ignored")
  func extraFieldsIgnored() throws {
    let plain =
      #"{"type":"person.open_to_work","timestamp":"2026-12-01T06:00:00Z","data":{"person":{"provider":"crustdata","id":"4815162344"},"open":true}}"#
    let extra =
      #"{"version":3,"type":"person.open_to_work","trace":{"a":[1,2,{"b":null}]},"timestamp":"2026-12-01T06:00:00Z","data":{"reason":"card","person":{"provider":"crustdata","id":"4815162344","name":"Priya Raman","emails":[]},"open":true,"confidence":0.93}}"#
    let expected = try Self.decode("canonical", plain)
    #expect(try Self.decode("canonical", extra) == expected)
    #expect(expected.signals.first?.openToWork == true)

    let watch = try Self.decode(
      "crustdata-watch",
      #"{"metadata":{"watch_id":1,"new_thing":{"x":[]}},"results":[{"score":0.4,"record":{"crustdata_person_id":7,"education":{"schools":[]}},"changes":[{"field":"basic_profile.headline","type":"changed","from":"a","to":"b","confidence":1}]}],"next":null}"#
    )
    #expect(watch.signals.map(\.fields) == [["basic_profile.headline"]])
  }

  // MARK: Crustdata watch specifics

  @Test("several profile fields of one person coalesce into one signal placed at the first of them")
  func coalescing() throws {
    let body = #"""
      {"metadata":{"delivered_at":"2026-12-01T06:00:00Z"},"results":[
        {"record":{"crustdata_person_id":1},"changes":[
          {"field":"basic_profile.headline"},
          {"field":"experience.employment_details.current","from":[{"name":"A","title":"Engineer"}],"to":[{"name":"B","title":"Lead"}]},
          {"field":"basic_profile.location"},
          {"field":"basic_profile.headline"},
          {"field":"skills.professional_network_skills"}]},
        {"record":{"crustdata_person_id":2},"changes":[{"field":"basic_profile.location"},{"field":"education.schools"}]}]}
      """#
    let signals = try Self.decode("crustdata-watch", body).signals
    #expect(signals.map(\.kind) == [.profileChanged, .jobChanged, .profileChanged])
    #expect(
      signals[0].fields == [
        "basic_profile.headline", "basic_profile.location", "skills.professional_network_skills",
      ])
    #expect(signals[0].person.providerID == "1")
    #expect(signals[1].previous == Signal.Position(company: "A", title: "Engineer"))
    #expect(signals[1].current == Signal.Position(company: "B", title: "Lead"))
    #expect(signals[2].fields == ["basic_profile.location", "education.schools"])
    #expect(signals[2].person.providerID == "2")
    #expect(signals.allSatisfy { $0.detectedAt == Self.date("2026-12-01T06:00:00Z") })
  }

  @Test("open-to-work cards turn the signal on or off; other cards are a profile change")
  func openToWorkCards() throws {
    func signal(_ change: String) throws -> Signal? {
      try Self.decode(
        "crustdata-watch",
        #"{"results":[{"record":{"crustdata_person_id":1},"changes":["# + change + "]}]}"
      )
      .signals.first
    }
    let field = #""field":"professional_network.open_to_cards""#
    #expect(
      try signal("{\(field),\"type\":\"added\",\"new_elements\":[\"HIRING\",\"career_interest\"]}")?
        .openToWork == true)
    #expect(
      try signal("{\(field),\"type\":\"added\",\"new_elements\":[{\"type\":\"OPEN_TO_WORK\"}]}")?
        .openToWork == true)
    #expect(
      try signal("{\(field),\"type\":\"removed\",\"removed_elements\":[\"OPEN_TO_WORK\"]}")?
        .openToWork == false)
    #expect(
      try signal("{\(field),\"from\":[],\"to\":[{\"card_type\":\"CAREER_INTEREST\"}]}")?.openToWork
        == true)
    #expect(
      try signal("{\(field),\"from\":[\"CAREER_INTEREST\",\"HIRING\"],\"to\":[\"HIRING\"]}")?
        .openToWork == false)
    let hiring = try signal("{\(field),\"type\":\"added\",\"new_elements\":[\"HIRING\"]}")
    #expect(hiring?.kind == .profileChanged)
    #expect(hiring?.fields == ["professional_network.open_to_cards"])
    let unchanged = try signal(
      "{\(field),\"from\":[\"CAREER_INTEREST\"],\"to\":[\"CAREER_INTEREST\",\"HIRING\"]}")
    #expect(unchanged?.kind == .profileChanged)
  }

  @Test("a person id keeps its exact digits, as an integer beyond 2^53 or as a string")
  func exactPersonIDs() throws {
    let body =
      #"{"results":[{"record":{"crustdata_person_id":123456789012345678901}},{"record":{"crustdata_person_id":"4815162342"}}]}"#
    #expect(
      try Self.decode("crustdata-watch", body).signals.map(\.person.providerID) == [
        "123456789012345678901", "4815162342",
      ])
  }

  @Test(
    "the profile URL is found under basic_profile, professional_network or the record itself, in that order"
  )
  func profileURLLocations() throws {
    let body = #"""
      {"results":[
        {"record":{"crustdata_person_id":1,"basic_profile":{"profile_url":"https://www.linkedin.com/in/a"},"profile_url":"https://www.linkedin.com/in/z"}},
        {"record":{"crustdata_person_id":2,"basic_profile":{"profile_url":""},"professional_network":{"profile_url":"https://www.linkedin.com/in/b"}}},
        {"record":{"profile_url":"https://www.linkedin.com/in/c"}},
        {"record":{"linkedin_profile_url":"https://www.linkedin.com/in/d"}},
        {"record":{"crustdata_person_id":5}}]}
      """#
    let people = try Self.decode("crustdata-watch", body).signals.map(\.person)
    #expect(
      people.map(\.profileURL) == [
        "https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b",
        "https://www.linkedin.com/in/c", "https://www.linkedin.com/in/d", nil,
      ])
    #expect(people.map(\.providerID) == ["1", "2", nil, nil, "5"])
  }

  @Test(
    "a Crustdata test delivery yields no signals, even when its sample results would not decode")
  func crustdataTestDelivery() throws {
    let decoded = try Self.decode(
      "crustdata-watch", #"{"metadata":{"test":true},"results":[{"record":{}}]}"#)
    #expect(decoded == DecodedDelivery(signals: [], isTest: true))
  }

  // MARK: Canonical specifics

  @Test(
    "canonical test events are test deliveries; detected_at falls back to the envelope timestamp")
  func canonicalSpecifics() throws {
    for type in ["test", "webhook.test"] {
      #expect(
        try Self.decode("canonical", #"{"type":""# + type + #""}"#)
          == DecodedDelivery(signals: [], isTest: true))
    }
    let person =
      #""person":{"provider":"crustdata","id":"7","profile_url":"https://www.linkedin.com/in/x"}"#
    let fallback = try Self.decode(
      "canonical",
      #"{"type":"person.changed","timestamp":"2026-12-01T06:00:00Z","data":{"# + person + "}}")
    #expect(fallback.signals.first?.detectedAt == Self.date("2026-12-01T06:00:00Z"))
    let own = try Self.decode(
      "canonical",
      #"{"type":"person.changed","timestamp":"2026-12-01T06:00:00Z","data":{"detected_at":"2026-11-30T23:00:00-01:00","#
        + person + "}}")
    #expect(own.signals.first?.detectedAt == Self.date("2026-12-01T00:00:00Z"))
    #expect(
      own.signals.first?.person
        == PersonReference(
          provider: "crustdata", providerID: "7", profileURL: "https://www.linkedin.com/in/x"))
  }

  // MARK: Other formats

  @Test("every Coresignal status, known or not, is one changed signal per member in payload order")
  func coresignalStatuses() throws {
    let body =
      #"[{"member_id":3,"status":"stopped_matching_query"},{"member_id":"1","status":"started_matching_query"},{"member_id":2,"status":"deleted"},{"member_id":4}]"#
    let signals = try Self.decode("coresignal", body).signals
    #expect(signals.map(\.kind) == [.changed, .changed, .changed, .changed])
    #expect(
      signals.map(\.person)
        == ["3", "1", "2", "4"].map { PersonReference(provider: "coresignal", providerID: $0) })
  }

  @Test("a TAMradar departure has no current position even when new_role is filled")
  func tamradarDeparture() throws {
    let body =
      #"{"event_type":"radar_finding","discovered_at":"2026-12-02T08:41:10Z","content":{"change_type":"departure","profile_url":"https://www.linkedin.com/in/x","new_role":{"title":"Ghost","company_name":"Nowhere"},"previous_role":{"title":"Engineer","company_name":"Acme","start_date":"2020-01-01"}}}"#
    let signal = try #require(try Self.decode("tamradar", body).signals.first)
    #expect(signal.current == nil)
    #expect(
      signal.previous
        == Signal.Position(company: "Acme", title: "Engineer", startDate: "2020-01-01"))
    #expect(signal.detectedAt == Self.date("2026-12-02T08:41:10Z"))
  }

  @Test(
    "legacy changed positions without a new position are a profile change; new positions are job changes"
  )
  func legacyPositions() throws {
    let url = #""profile_url":"https://www.linkedin.com/in/x""#
    let ended = try Self.decode(
      "crustdata-legacy-watcher",
      "{\(url),\"changes\":{\"position_changes\":{\"new_positions\":[],\"changed_positions\":[{\"changes\":{}}]}}}"
    )
    #expect(ended.signals.map(\.kind) == [.profileChanged])
    #expect(ended.signals.first?.fields == ["position_changes.changed_positions"])
    let two = try Self.decode(
      "crustdata-legacy-watcher",
      "{\(url),\"changes\":{\"position_changes\":{\"new_positions\":[{\"details\":{\"employer_name\":\"A\"}},{\"details\":{\"employee_title\":\"Advisor\"}}]}}}"
    )
    #expect(
      two.signals.map(\.current) == [
        Signal.Position(company: "A"), Signal.Position(title: "Advisor"),
      ])
    #expect(
      two.signals.allSatisfy {
        $0.kind == .jobChanged && $0.detectedAt == nil && $0.previous == nil
      })
  }

  // MARK: Size

  @Test("a 1 MiB watch run of thousands of people decodes in one pass")
  func largeBody() throws {
    var text = #"{"metadata":{"delivered_at":"2026-12-01T06:00:00Z","test":false},"results":["#
    var people = 0
    while text.utf8.count < 1_000_000 {
      if people > 0 { text += "," }
      text +=
        #"{"changes":[{"field":"experience.employment_details.current","type":"changed","from":[{"name":"Northwind Analytics","title":"Engineer","start_date":"2021-03-01T00:00:00"}],"to":[{"name":"Kestrel Payments","title":"Senior Engineer","start_date":"2026-11-01T00:00:00"}]},{"field":"basic_profile.headline"}],"record":{"crustdata_person_id":"#
      text +=
        "\(4_815_162_342 + people)"
        + #","basic_profile":{"name":"Person","profile_url":"https://www.linkedin.com/in/p"}}}"#
      people += 1
    }
    text += "]}"
    let body = Array(text.utf8)
    #expect(body.count <= 1 << 20)
    let clock = ContinuousClock()
    var decoded: DecodedDelivery?
    let elapsed = try clock.measure { decoded = try Self.decode("crustdata-watch", body) }
    #expect(decoded?.signals.count == people * 2)
    #expect(decoded?.signals.last?.person.providerID == "\(4_815_162_342 + people - 1)")
    #expect(elapsed < .seconds(10), "generous bound for a debug build on a shared machine")
  }
}
