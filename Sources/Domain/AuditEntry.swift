public import Foundation

/// One stored audit log entry: who did what to which pseudonymous subject, chained to the entry before.
public struct AuditEntry: Sendable, Hashable {
  /// Position in the chain, from 1, increasing without gaps except where pruning removed the oldest.
  public var seq: Int64
  /// When it happened, Unix milliseconds (the stored form, hashed exactly).
  public var atMilliseconds: Int64
  /// Who acted: a user id, or `system:<job>` for jobs.
  public var actor: String
  /// What happened.
  public var action: AuditAction
  /// The keyed hash of the person concerned, if any (never an identifier).
  public var subjectKey: String?
  /// Canonical JSON (sorted keys) of details without personal data.
  public var details: String
  /// The previous entry's `hash` (`AuditChain.genesisHash` for the first entry ever).
  public var prevHash: String
  /// The hex SHA-256 of `prevHash` and `canonicalContent`.
  public var hash: String

  /// Creates an entry.
  public init(
    seq: Int64, atMilliseconds: Int64, actor: String, action: AuditAction, subjectKey: String?,
    details: String, prevHash: String, hash: String
  ) {
    self.seq = seq
    self.atMilliseconds = atMilliseconds
    self.actor = actor
    self.action = action
    self.subjectKey = subjectKey
    self.details = details
    self.prevHash = prevHash
    self.hash = hash
  }

  /// When it happened.
  public var at: Date { Date(timeIntervalSince1970: Double(atMilliseconds) / 1000) }

  /// The bytes the hash covers besides the previous hash: every field but the hashes, unit-separated.
  public var canonicalContent: String {
    [
      String(seq), String(atMilliseconds), actor, action.rawValue, subjectKey ?? "", details,
    ].joined(separator: "\u{1F}")
  }

  /// The details decoded as a string map (empty when they are not one).
  public var detailValues: [String: String] {
    (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
  }
}
