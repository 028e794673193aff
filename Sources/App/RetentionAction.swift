import Domain
import Foundation
import Storage

/// One thing the retention job deletes: a whole record or a person's contact data, when and why.
struct RetentionAction: Sendable, Hashable, Encodable {
  /// What is deleted.
  enum Kind: String, Sendable, Hashable, Encodable {
    /// The whole record (hard delete everywhere).
    case purge
    /// Only the contact data.
    case contactData = "contact_data"
  }

  /// The candidate id.
  let candidateID: Int64
  /// What is deleted.
  let kind: Kind
  /// The rule that deletes it.
  let rule: RetentionRule
  /// When it became due.
  let dueAt: Date

  /// The JSON keys (snake_case, as the interface prints them).
  enum CodingKeys: String, CodingKey {
    case candidateID = "candidate_id"
    case kind, rule
    case dueAt = "due_at"
  }

  /// The actions due at `now` for `records` under `policy`: a due purge, else a due contact-data deletion
  /// (only while contact data is held). The same rule code as the planner's retention guard.
  static func due(_ records: [RetentionRecord], policy: RetentionPolicy, now: Date)
    -> [RetentionAction]
  {
    records.compactMap { record in
      let schedule = policy.schedule(
        sourcedAt: record.sourcedAt ?? record.createdAt, contactedAt: record.contactedAt,
        art14NoticeSentAt: record.art14NoticeSentAt)
      if let purge = schedule.purge, purge.isDue(at: now) {
        return RetentionAction(
          candidateID: record.candidateID, kind: .purge, rule: purge.rule, dueAt: purge.dueAt)
      }
      if record.hasContactData, let contact = schedule.contactData, contact.isDue(at: now) {
        return RetentionAction(
          candidateID: record.candidateID, kind: .contactData, rule: contact.rule,
          dueAt: contact.dueAt)
      }
      return nil
    }
  }
}
