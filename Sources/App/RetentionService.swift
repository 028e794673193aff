import Domain
import Foundation
import Logging
import Storage

/// The retention job: purges sourced people past their deadline, deletes contact data past its deadline,
/// prunes audit entries older than `audit_retention_days` (with an anchor) and audits every deletion and
/// every change of the retention configuration. `serve` runs it daily; `talentwatch retention run` once.
struct RetentionService: Sendable {
  /// Shared compliance state.
  let context: ComplianceContext
  /// Where it logs (counts and ids only).
  let logger: Logger
  /// How often `run()` works.
  var interval: Duration = .seconds(86_400)

  /// The actor written into audit entries.
  static let actor = "system:retention"

  /// Runs once now, then every `interval`, until cancelled; failures are logged and retried next time.
  func run() async {
    while !Task.isCancelled {
      do {
        let report = try await runOnce(dryRun: false)
        logger.info(
          "retention run finished",
          [
            "retention.actions": .integer(report.actions.count),
            "retention.audit_pruned": .integer(report.prunedAuditEntries),
          ])
      } catch {
        logger.error("retention run failed", ["error": .string(String(describing: error))])
      }
      try? await Task.sleep(for: interval)
    }
  }

  /// One run: with `dryRun`, lists what would be deleted, when it became due and under which rule, and
  /// changes nothing.
  func runOnce(dryRun: Bool) async throws -> RetentionRunReport {
    let policy = context.policy
    let now = context.clock.now()
    let records = try await context.database.read { try PurgeStore.retentionRecords(in: $0) }
    let actions = RetentionAction.due(records, policy: policy, now: now)
    if dryRun {
      return RetentionRunReport(
        dryRun: true, actions: actions, prunedAuditEntries: 0, purgedWebhookBodies: 0)
    }
    try await recordConfiguration()
    let pseudonymizer = context.pseudonymizer
    var done: [RetentionAction] = []
    for action in actions {
      let applied = try await context.database.write { connection in
        try connection.transaction { () throws -> Bool in
          // Read again inside the write: a refresh or contact may have happened since the plan.
          guard
            let record = try PurgeStore.retentionRecord(
              candidateID: action.candidateID, in: connection),
            RetentionAction.due([record], policy: policy, now: now).first?.kind == action.kind,
            let subject = try AuditLogStore.subjectKey(
              candidateID: action.candidateID, pseudonymizer: pseudonymizer, in: connection)
          else { return false }
          var details = [
            "candidate_id": String(action.candidateID), "rule": action.rule.rawValue,
            "due_at": ComplianceDates.rfc3339(action.dueAt),
          ]
          switch action.kind {
          case .purge:
            guard let report = try PurgeStore.purgeCandidate(action.candidateID, in: connection)
            else { return false }
            details.merge(report.auditDetails) { current, _ in current }
            try AuditLogStore.append(
              AuditEvent(
                at: now, actor: Self.actor, action: .purge, subjectKey: subject, details: details),
              in: connection)
          case .contactData:
            guard try PurgeStore.deleteContactData(candidateID: action.candidateID, in: connection)
            else { return false }
            try AuditLogStore.append(
              AuditEvent(
                at: now, actor: Self.actor, action: .contactDataDeleted, subjectKey: subject,
                details: details), in: connection)
          }
          return true
        }
      }
      if applied { done.append(action) }
    }
    let cutoff = policy.auditCutoff(now: now)
    let pruned = try await context.database.write { connection in
      try connection.transaction {
        try AuditLogStore.prune(olderThan: cutoff, now: now, actor: Self.actor, in: connection)
      }
    }
    // Bodies of deliveries about people we do not hold, past their window (`serve` also does this
    // every few minutes; `retention run` must not leave it to a running service).
    let bodies = try await context.database.write { connection in
      try InboxStore.purgeExpiredBodies(now: now, in: connection)
    }
    return RetentionRunReport(
      dryRun: false, actions: done, prunedAuditEntries: pruned, purgedWebhookBodies: bodies)
  }

  /// Appends a `config.retention_changed` entry when the configured periods differ from the last one
  /// recorded (or none was recorded yet); returns whether it did.
  @discardableResult
  func recordConfiguration() async throws -> Bool {
    let policy = context.policy
    let now = context.clock.now()
    let details = [
      "sourced_retention_days": String(policy.sourcedRetentionDays),
      "noticed_retention_days": String(policy.noticedRetentionDays),
      "contact_retention_days": String(policy.contactRetentionDays),
      "audit_retention_days": String(policy.auditRetentionDays),
    ]
    return try await context.database.write { connection in
      try connection.transaction {
        let last = try AuditLogStore.latest(action: .retentionConfigChange, in: connection)
        if last?.detailValues == details { return false }
        try AuditLogStore.append(
          AuditEvent(
            at: now, actor: "system:configuration", action: .retentionConfigChange, details: details
          ),
          in: connection)
        return true
      }
    }
  }
}
