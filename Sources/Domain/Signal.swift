public import Foundation

/// What a provider told us about one watched person: the canonical form every payload adapter produces.
public struct Signal: Sendable, Hashable, Codable {
  /// The kinds of change a provider can report, in the order the planner values them.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The person started a new position (company and/or title changed).
    case jobChanged = "job_changed"
    /// The person turned their open-to-work signal on or off.
    case openToWork = "open_to_work"
    /// Other profile fields changed (location, skills, headline, ...).
    case profileChanged = "profile_changed"
    /// Notification only: something changed, and the record must be fetched to know what.
    case changed
  }

  /// A company and title pair, as the provider reported it.
  public struct Position: Sendable, Hashable, Codable {
    /// Employer name.
    public var company: String?
    /// Job title.
    public var title: String?
    /// Start date as the provider wrote it (ISO 8601 date or date-time).
    public var startDate: String?

    /// Creates a position.
    public init(company: String? = nil, title: String? = nil, startDate: String? = nil) {
      self.company = company
      self.title = title
      self.startDate = startDate
    }
  }

  /// What kind of change this is.
  public var kind: Kind
  /// Who it is about.
  public var person: PersonReference
  /// When the provider detected the change (its own time, not ours); nil when the payload does not say.
  public var detectedAt: Date?
  /// For `jobChanged`: the position before.
  public var previous: Position?
  /// For `jobChanged`: the position after.
  public var current: Position?
  /// For `openToWork`: whether the person is now open to work.
  public var openToWork: Bool?
  /// For `profileChanged`: the changed field paths.
  public var fields: [String]

  /// Creates a signal.
  public init(
    kind: Kind, person: PersonReference, detectedAt: Date? = nil, previous: Position? = nil,
    current: Position? = nil, openToWork: Bool? = nil, fields: [String] = []
  ) {
    self.kind = kind
    self.person = person
    self.detectedAt = detectedAt
    self.previous = previous
    self.current = current
    self.openToWork = openToWork
    self.fields = fields
  }
}
