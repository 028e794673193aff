import Domain
import Foundation

/// One stored delivery under `fixtures/webhooks/<format>/`: its byte-exact body and its meta file.
struct AdapterFixture: Sendable, CustomStringConvertible {
  /// What the meta file says the adapter should produce.
  struct Meta: Decodable, Sendable {
    /// The suggested source name for replay.
    var source: String
    /// The signature scheme that source uses.
    var scheme: String
    /// The adapter format.
    var format: String
    /// The delivery id header value for replay.
    var deliveryID: String
    /// A short label of what the delivery is.
    var eventKind: String
    /// A sentence on what the delivery shows.
    var description: String
    /// The expected outcome.
    var expected: Expected

    /// The meta file's snake_case keys.
    enum CodingKeys: String, CodingKey {
      case source, scheme, format
      case deliveryID = "delivery_id"
      case eventKind = "event_kind"
      case description, expected
    }
  }

  /// Either signals (with the test flag) or an error substring.
  struct Expected: Decodable, Sendable {
    /// True for a provider test delivery.
    var isTest: Bool?
    /// The signals in payload order.
    var signals: [ExpectedSignal]?
    /// A substring of the expected `AdapterError` reason.
    var error: String?

    /// The meta file's snake_case keys.
    enum CodingKeys: String, CodingKey {
      case isTest = "is_test"
      case signals, error
    }
  }

  /// A signal as the meta file writes it.
  struct ExpectedSignal: Decodable, Sendable {
    /// `job_changed`, `open_to_work`, `profile_changed` or `changed`.
    var kind: String
    /// `PersonReference.provider`.
    var provider: String
    /// `PersonReference.providerID`.
    var providerID: String?
    /// `PersonReference.profileURL`.
    var profileURL: String?
    /// RFC 3339 in UTC, or null.
    var detectedAt: String?
    /// The position before, for job changes.
    var previous: ExpectedPosition?
    /// The position after, for job changes.
    var current: ExpectedPosition?
    /// The open-to-work state, for open-to-work signals.
    var openToWork: Bool?
    /// The changed field paths, for profile changes.
    var fields: [String]?

    /// The meta file's snake_case keys.
    enum CodingKeys: String, CodingKey {
      case kind, provider
      case providerID = "provider_id"
      case profileURL = "profile_url"
      case detectedAt = "detected_at"
      case previous, current
      case openToWork = "open_to_work"
      case fields
    }
  }

  /// A position as the meta file writes it.
  struct ExpectedPosition: Decodable, Sendable {
    /// Employer name.
    var company: String?
    /// Job title.
    var title: String?
    /// Start date as written.
    var startDate: String?

    /// The meta file's snake_case keys.
    enum CodingKeys: String, CodingKey {
      case company, title
      case startDate = "start_date"
    }
  }

  /// The repository root, found from this file's path (Tests/IngestTests/AdapterFixture.swift).
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `fixtures/webhooks/`.
  static let directory = repositoryRoot.appendingPathComponent("fixtures/webhooks")

  /// `<format>/<name>`, e.g. `crustdata-watch/job-change-single`.
  let name: String

  /// The fixture name, shown in test results.
  var description: String { name }

  /// Every fixture name, sorted; read when tests are discovered.
  static let all: [AdapterFixture] = {
    let files =
      FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".body") }.sorted().map {
      AdapterFixture(name: String($0.dropLast(5)))
    }
  }()

  /// The fixtures of one format.
  static func named(format: String) -> [AdapterFixture] {
    all.filter { $0.name.hasPrefix(format + "/") }
  }

  /// The byte-exact body.
  func body() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name + ".body")))
  }

  /// The decoded meta file.
  func meta() throws -> Meta {
    let data = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".meta.json"))
    return try JSONDecoder().decode(Meta.self, from: data)
  }

  /// Reads an RFC 3339 timestamp with Foundation's own parser (independent of the adapters' parser).
  static func foundationDate(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }

  /// A date rounded to whole milliseconds, so two parsers (one may truncate to milliseconds) compare equal.
  static func rounded(_ date: Date?) -> Date? {
    date.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1_000).rounded() / 1_000) }
  }

  /// The signals the meta file expects, as `Signal` values (dates rounded to milliseconds).
  static func signals(from expected: [ExpectedSignal]) -> [Signal?] {
    expected.map { entry in
      guard let kind = Signal.Kind(rawValue: entry.kind) else { return nil }
      var detectedAt: Date?
      if let text = entry.detectedAt {
        guard let date = foundationDate(text) else { return nil }
        detectedAt = rounded(date)
      }
      return Signal(
        kind: kind,
        person: PersonReference(
          provider: entry.provider, providerID: entry.providerID, profileURL: entry.profileURL),
        detectedAt: detectedAt, previous: entry.previous.map(position),
        current: entry.current.map(position),
        openToWork: entry.openToWork, fields: entry.fields ?? [])
    }
  }

  private static func position(_ entry: ExpectedPosition) -> Signal.Position {
    Signal.Position(company: entry.company, title: entry.title, startDate: entry.startDate)
  }
}
