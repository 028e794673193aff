/// The retention schedule of one candidate: when the whole record goes, and when contact data goes.
public struct RetentionSchedule: Sendable, Hashable, Codable {
  /// When the record is purged, nil when no rule purges it (contacted people keep their record).
  public var purge: RetentionDeadline?
  /// When contact data is deleted, nil when the person was never contacted.
  public var contactData: RetentionDeadline?

  /// Creates a schedule.
  public init(purge: RetentionDeadline?, contactData: RetentionDeadline?) {
    self.purge = purge
    self.contactData = contactData
  }
}
