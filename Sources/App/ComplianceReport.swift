import Domain

/// The GDPR Art. 30 record of processing, generated from the live configuration so the document cannot
/// drift from the jobs that enforce it.
struct ComplianceReport: Sendable, Encodable {
  /// Why personal data is processed.
  let purposes: [String]
  /// What is held.
  let dataCategories: [String]
  /// Where it comes from.
  let sources: [String]
  /// Who receives it (the configured notification channels, by kind and user id).
  let recipients: [String]
  /// The retention periods, by key.
  let retention: [String: Int]
  /// The jobs that enforce them.
  let jobs: [String]
  /// Safeguards for automated scoring.
  let safeguards: [String]

  /// The report for `configuration`.
  init(configuration: Configuration) {
    let policy = configuration.retention
    purposes = [
      "Keeping the recruiting team's own candidate records accurate (legitimate interest, GDPR Art. 6(1)(f)).",
      "Suggesting which candidates may fit open vacancies (advisory AI-assisted scoring; decisions by people).",
      "Notifying recruiters about changes to candidates they follow.",
    ]
    dataCategories = [
      "identity: name, headline, profile URL, provider person id, photo URL (after a recruiter accepts it)",
      "professional: current title and company, location, profile (experience, skills), open-to-work flag",
      "contact data: emails and phones (only when a recruiter asks; separate retention clock)",
      "derived: advisory match scores with per-feature contributions and model version",
      "provider signals: job changes, open-to-work changes, profile changes (with the webhook bodies)",
      "process: pipeline stages and who set them, confirmations, notifications",
    ]
    var sources = configuration.sources.map {
      "webhook source \"\($0.name)\" (format \($0.format.rawValue), signature \($0.scheme.rawValue))"
    }
    if let provider = configuration.provider {
      sources.append(
        "enrichment provider \(provider.kind.rawValue) (profile lookups within a credit budget)")
    }
    sources.append("recruiters adding candidates by hand (human-confirmed adds)")
    self.sources = sources
    var recipients: [String] = []
    for user in configuration.users {
      for channel in user.channels {
        recipients.append("user \(user.id) (\(user.role.rawValue)) via \(channel.kind.rawValue)")
      }
    }
    if recipients.isEmpty { recipients.append("no notification channels configured") }
    self.recipients = recipients
    retention = [
      "sourced_retention_days": policy.sourcedRetentionDays,
      "noticed_retention_days": policy.noticedRetentionDays,
      "contact_retention_days": policy.contactRetentionDays,
      "audit_retention_days": policy.auditRetentionDays,
    ]
    jobs = [
      "retention job (daily in serve; `talentwatch retention run`): purges sourced, never contacted people "
        + "\(policy.sourcedRetentionDays) days after sourcing (\(policy.noticedRetentionDays) days with an "
        + "Art. 14 notice); deletes contact data \(policy.contactRetentionDays) days after first contact; "
        + "prunes audit entries older than \(policy.auditRetentionDays) days with a chain anchor",
      "erasure (`talentwatch erase`, DELETE /api/v1/candidates/{id}): hard delete everywhere plus a "
        + "suppression entry of keyed hashes; ingest drops later deliveries about the person",
      "ignored webhook bodies are dropped after \(configuration.ingest.ignoredBodyRetentionHours) hours",
      "audit verification (`talentwatch audit verify`): walks the hash chain",
    ]
    safeguards = [
      "Scores are advisory; lists are ordered by score, never filtered by it; no status is written by the system.",
      "Every confirmation and stage change carries the acting person's user id.",
      "The audit log identifies people only by a keyed hash and is tamper-evident (hash chain).",
      "Retention clocks run from sourcing and first contact; a refresh never resets them.",
    ]
  }

  /// The report as text for a reader.
  var plainText: String {
    var lines = ["Record of processing (GDPR Art. 30), generated from the live configuration", ""]
    func section(_ title: String, _ items: [String]) {
      lines.append(title)
      lines.append(contentsOf: items.map { "  - " + $0 })
      lines.append("")
    }
    section("Purposes", purposes)
    section("Data categories", dataCategories)
    section("Sources", sources)
    section("Recipients", recipients)
    section(
      "Retention periods", retention.keys.sorted().map { "\($0): \(retention[$0] ?? 0) days" })
    section("Jobs that enforce them", jobs)
    section("Safeguards", safeguards)
    return lines.joined(separator: "\n")
  }
}
