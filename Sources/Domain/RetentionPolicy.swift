public import Foundation

/// The retention rules as pure decisions: from a candidate's retention clocks to deletion dates.
///
/// Clocks run from `sourced_at` and `contacted_at` only, never from a refresh or enrichment (CNIL v. KASPR,
/// 2024), so nothing a refresh writes can postpone a deletion. The retention job, the dry run, the
/// explanation and the planner's retention guard all ask this one type.
public struct RetentionPolicy: Sendable, Hashable, Codable {
  /// Days a sourced, never contacted person without an Art. 14 notice is kept (must stay under 30).
  public var sourcedRetentionDays: Int
  /// Days a sourced, never contacted person with an Art. 14 notice is kept.
  public var noticedRetentionDays: Int
  /// Days contact data is kept after first contact.
  public var contactRetentionDays: Int
  /// Days audit entries are kept (at least `minimumAuditRetentionDays`).
  public var auditRetentionDays: Int

  /// GDPR Art. 14(3): inform within one month, so an un-noticed sourced person must go before day 30.
  public static let art14LimitDays = 30
  /// AI Act Art. 26(6): deployers keep logs at least six months.
  public static let minimumAuditRetentionDays = 180

  /// Creates a policy; `validate()` says whether it is lawful.
  public init(
    sourcedRetentionDays: Int = 28, noticedRetentionDays: Int = 180,
    contactRetentionDays: Int = 365,
    auditRetentionDays: Int = 180
  ) {
    self.sourcedRetentionDays = sourcedRetentionDays
    self.noticedRetentionDays = noticedRetentionDays
    self.contactRetentionDays = contactRetentionDays
    self.auditRetentionDays = auditRetentionDays
  }

  /// The defaults: 28, 180, 365 and 180 days.
  public static let defaults = RetentionPolicy()

  /// Why this policy may not be used, one reason per broken rule; empty when it is fine.
  public func violations() -> [Violation] {
    var found: [Violation] = []
    if sourcedRetentionDays >= Self.art14LimitDays {
      found.append(
        Violation(
          key: "sourced_retention_days",
          reason:
            "must be under \(Self.art14LimitDays) days: GDPR Art. 14(3) requires informing a person whose "
            + "data came from a third party within one month, so without a notice they are purged before "
            + "day \(Self.art14LimitDays)"))
    }
    if sourcedRetentionDays < 1 {
      found.append(Violation(key: "sourced_retention_days", reason: "must be at least 1 day"))
    }
    if noticedRetentionDays < sourcedRetentionDays {
      found.append(
        Violation(
          key: "noticed_retention_days",
          reason:
            "must be at least sourced_retention_days: a notice may extend retention, not shorten it"
        ))
    }
    if contactRetentionDays < 1 {
      found.append(Violation(key: "contact_retention_days", reason: "must be at least 1 day"))
    }
    if auditRetentionDays < Self.minimumAuditRetentionDays {
      found.append(
        Violation(
          key: "audit_retention_days",
          reason:
            "must be at least \(Self.minimumAuditRetentionDays) days: AI Act Art. 26(6) requires keeping "
            + "logs for at least six months"))
    }
    return found
  }

  /// One broken rule: the configuration key and why.
  public struct Violation: Sendable, Hashable {
    /// The key under `retention`.
    public var key: String
    /// Why, in words.
    public var reason: String
  }

  /// When the record of a sourced person is purged, and under which rule; nil once they were contacted
  /// (then only their contact data runs on a clock). `sourcedAt` is the retention clock (the row's
  /// creation time when the source did not say).
  public func purgeDueAt(sourcedAt: Date, contactedAt: Date?, art14NoticeSentAt: Date?)
    -> RetentionDeadline?
  {
    if contactedAt != nil { return nil }
    if art14NoticeSentAt != nil {
      return RetentionDeadline(
        rule: .noticedNotContacted, dueAt: sourcedAt.addingTimeInterval(days(noticedRetentionDays)))
    }
    return RetentionDeadline(
      rule: .sourcedNotContacted, dueAt: sourcedAt.addingTimeInterval(days(sourcedRetentionDays)))
  }

  /// When contact data is deleted: `contact_retention_days` after first contact; nil if never contacted.
  public func contactDataDeletionAt(contactedAt: Date?) -> RetentionDeadline? {
    contactedAt.map {
      RetentionDeadline(
        rule: .contactData, dueAt: $0.addingTimeInterval(days(contactRetentionDays)))
    }
  }

  /// Both deadlines of one candidate.
  public func schedule(sourcedAt: Date, contactedAt: Date?, art14NoticeSentAt: Date?)
    -> RetentionSchedule
  {
    RetentionSchedule(
      purge: purgeDueAt(
        sourcedAt: sourcedAt, contactedAt: contactedAt, art14NoticeSentAt: art14NoticeSentAt),
      contactData: contactDataDeletionAt(contactedAt: contactedAt))
  }

  /// The instant before which audit entries are pruned at `now`.
  public func auditCutoff(now: Date) -> Date {
    now.addingTimeInterval(-days(max(auditRetentionDays, Self.minimumAuditRetentionDays)))
  }

  private func days(_ count: Int) -> TimeInterval { TimeInterval(count) * 86_400 }
}
