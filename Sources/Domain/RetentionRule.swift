/// Which retention rule sets a deletion date.
public enum RetentionRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// Sourced, never contacted, no Art. 14 notice: purged `sourced_retention_days` after `sourced_at`.
  case sourcedNotContacted = "sourced_not_contacted"
  /// Sourced, never contacted, Art. 14 notice recorded: purged `noticed_retention_days` after `sourced_at`.
  case noticedNotContacted = "noticed_not_contacted"
  /// Contact data: deleted `contact_retention_days` after `contacted_at`.
  case contactData = "contact_data"

  /// The rule in words, for the dry run, the explanation and the record of processing.
  public var summary: String {
    switch self {
    case .sourcedNotContacted: "sourced, never contacted, no Art. 14 notice sent"
    case .noticedNotContacted: "sourced, never contacted, Art. 14 notice sent"
    case .contactData: "contact data is kept for a limited time after first contact"
    }
  }
}
