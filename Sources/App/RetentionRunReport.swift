/// What one retention run did (or, dry, would do).
struct RetentionRunReport: Sendable, Hashable, Encodable {
  /// Whether nothing was deleted.
  let dryRun: Bool
  /// The actions, by candidate id.
  let actions: [RetentionAction]
  /// Audit entries pruned (older than `audit_retention_days`).
  let prunedAuditEntries: Int
  /// Stored webhook bodies deleted because their window passed (deliveries about people not held).
  let purgedWebhookBodies: Int

  /// The JSON keys (snake_case, as the interface prints them).
  enum CodingKeys: String, CodingKey {
    case dryRun = "dry_run"
    case actions
    case prunedAuditEntries = "pruned_audit_entries"
    case purgedWebhookBodies = "purged_webhook_bodies"
  }
}
