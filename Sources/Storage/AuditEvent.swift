public import Domain
public import Foundation

/// What a caller asks the audit log to record; the store adds the sequence number and the hashes.
public struct AuditEvent: Sendable, Hashable {
  /// When it happened.
  public var at: Date
  /// Who acted: a user id, or `system:<job>`.
  public var actor: String
  /// What happened.
  public var action: AuditAction
  /// The pseudonymous subject key (`AuditLogStore.subjectKey`), if a person is concerned.
  public var subjectKey: String?
  /// Details without personal data (ids, counts, versions, reasons).
  public var details: [String: String]

  /// Creates an event.
  public init(
    at: Date, actor: String, action: AuditAction, subjectKey: String? = nil,
    details: [String: String] = [:]
  ) {
    self.at = at
    self.actor = actor
    self.action = action
    self.subjectKey = subjectKey
    self.details = details
  }
}
