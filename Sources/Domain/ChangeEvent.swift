/// One change a refresh found in a candidate's record, with the values before and after as text.
///
/// Written to `change_events` in the same transaction as the record update; the re-matcher and the
/// notifier consume them.
public struct ChangeEvent: Sendable, Hashable, Codable {
  /// The kind of change.
  public var kind: ChangeEventKind
  /// The value before the refresh (nil when there was none).
  public var before: String?
  /// The value after the refresh (nil when there is none now).
  public var after: String?

  /// Creates a change event.
  public init(kind: ChangeEventKind, before: String?, after: String?) {
    self.kind = kind
    self.before = before
    self.after = after
  }
}
