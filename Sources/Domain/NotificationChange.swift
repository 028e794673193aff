/// One changed field of a candidate, before → after, as a recruiter reads it (never contact data).
public struct NotificationChange: Sendable, Hashable, Codable {
  /// The field (`current_company`, `current_title`, `open_to_work`, `location`, ...).
  public var field: String
  /// The value before the change; nil when it was unknown or empty.
  public var before: String?
  /// The value after the change; nil when it was removed.
  public var after: String?

  /// Creates a change.
  public init(field: String, before: String?, after: String?) {
    self.field = field
    self.before = before
    self.after = after
  }
}
