import Domain
import Foundation
import Storage

/// The explanation of one candidate (GDPR Art. 15 and 22, AI Act Art. 86): where the data came from and
/// when, who confirmed them into which pipeline, that scoring is AI-assisted and advisory, every score with
/// its breakdown, model version and history, every refresh and the signal behind it, the notifications
/// sent, and the retention schedule. `plainText` for a non-engineer, `json` complete.
struct Explanation: Sendable, Encodable {
  /// The statement every explanation carries about scoring.
  static let scoringStatement =
    "Match scores are computed by an AI-assisted scoring model. They are advisory only: a recruiter reads "
    + "them, lists are ordered by them but never filtered by them, and every decision about a candidate "
    + "(confirmation, stage change) is made and recorded by a named person."

  /// The candidate id.
  let candidateID: Int64
  /// When the explanation was produced.
  let generatedAt: Date
  /// Origin and retention clocks.
  let source: Source
  /// Confirmations into pipelines.
  let pipelines: [Pipeline]
  /// The scoring statement.
  let scoring: String
  /// Every score, oldest first.
  let scores: [Score]
  /// Every refresh, oldest first.
  let refreshes: [Refresh]
  /// Notifications sent about the person.
  let notifications: [Notification]
  /// What is deleted when.
  let retention: Retention

  /// Where the data came from.
  struct Source: Sendable, Encodable {
    /// The provider that names the person.
    let provider: String
    /// How the person entered the database.
    let source: String
    /// Whether an AI sourcing tool found the person.
    let aiSourced: Bool
    /// When the record was created.
    let addedAt: Date
    /// When the person was sourced (the retention clock).
    let sourcedAt: Date?
    /// Who confirmed.
    let confirmedByUserID: String?
    /// When they confirmed.
    let confirmedAt: Date?
    /// Last enrichment.
    let enrichedAt: Date?
    /// Last verification against the provider.
    let lastVerifiedAt: Date?
    /// First contact (the contact-data clock).
    let contactedAt: Date?
    /// When the Art. 14 notice was sent.
    let art14NoticeSentAt: Date?
  }

  /// A confirmation into a pipeline.
  struct Pipeline: Sendable, Encodable {
    /// The vacancy id.
    let vacancyID: Int64
    /// The vacancy title.
    let vacancyTitle: String
    /// Who confirmed.
    let confirmedByUserID: String
    /// When they confirmed.
    let confirmedAt: Date
    /// The current stage.
    let stage: String
    /// Who set the current stage.
    let stageChangedByUserID: String
    /// When the stage was set.
    let stageChangedAt: Date
  }

  /// One score with its breakdown.
  struct Score: Sendable, Encodable {
    /// The vacancy id.
    let vacancyID: Int64
    /// The vacancy title.
    let vacancyTitle: String?
    /// 0–100, advisory.
    let score: Int
    /// The scoring model version.
    let modelVersion: String
    /// What caused the scoring.
    let trigger: String
    /// When it was scored.
    let scoredAt: Date
    /// Whether it is the current score (else history).
    let isCurrent: Bool
    /// Per-feature contributions.
    let breakdown: [Contribution]
  }

  /// One feature's contribution to a score.
  struct Contribution: Sendable, Encodable {
    /// The feature.
    let feature: String
    /// Points it added (negative: took away).
    let points: Double?
    /// Why, in words, when stored.
    let detail: String?
  }

  /// One refresh and the signals behind it.
  struct Refresh: Sendable, Encodable {
    /// planned, in_flight, done or failed.
    let state: String
    /// Why (code).
    let reasonCode: String
    /// Why (words).
    let reason: String
    /// When it was planned.
    let plannedAt: Date
    /// When it finished.
    let finishedAt: Date?
    /// The signals that caused it (none: scheduled).
    let signals: [Signal]
  }

  /// A signal from the provider.
  struct Signal: Sendable, Encodable {
    /// The kind.
    let kind: String
    /// When the provider detected it.
    let detectedAt: Date
    /// When it arrived.
    let receivedAt: Date
  }

  /// A notification sent.
  struct Notification: Sendable, Encodable {
    /// The kind.
    let kind: String
    /// When it was made.
    let createdAt: Date?
    /// Its delivery status.
    let status: String?
  }

  /// What is deleted when.
  struct Retention: Sendable, Encodable {
    /// When the whole record is deleted (nil: kept while in contact).
    let recordPurgedAt: Date?
    /// The rule that deletes the record.
    let recordRule: String?
    /// When contact data is deleted.
    let contactDataDeletedAt: Date?
    /// The rule that deletes contact data.
    let contactDataRule: String?
    /// The schedule in words.
    let summary: String
  }

  /// Builds the explanation of `candidateID` from one read snapshot; nil when the candidate is not held.
  static func build(
    candidateID: Int64, policy: RetentionPolicy, now: Date, in connection: Connection
  ) throws -> Explanation? {
    // One read snapshot for the dossier and the scores, whose sentences are rebuilt from snapshots.
    let read = try connection.transaction { () throws -> (CandidateDossier, [Score])? in
      guard let dossier = try PersonalDataStore.dossier(candidateID: candidateID, in: connection)
      else { return nil }
      var explainer = ScoreExplainer(connection: connection)
      let titles = Dictionary(
        dossier.scores.map { ($0.vacancyID, $0.vacancyTitle) },
        uniquingKeysWith: { first, _ in first })
      let scores = try ScoreStore.history(candidateID: candidateID, in: connection)
        .sorted { ($0.scoredAt, $0.logID, $0.vacancyID) < ($1.scoredAt, $1.logID, $1.vacancyID) }
        .map { score in
          Score(
            vacancyID: score.vacancyID, vacancyTitle: titles[score.vacancyID] ?? nil,
            score: score.score, modelVersion: score.modelVersion, trigger: score.trigger,
            scoredAt: score.scoredAt, isCurrent: score.isCurrent,
            breakdown: try score.legacyContributions.map(contributions)
              ?? explainer.contributions(of: score).map {
                Contribution(
                  feature: $0.feature.rawValue, points: Double($0.points), detail: $0.sentence)
              })
        }
      return (dossier, scores)
    }
    guard let (dossier, scores) = read else { return nil }
    let origin = dossier.origin
    let schedule = policy.schedule(
      sourcedAt: origin.sourcedAt ?? origin.createdAt, contactedAt: origin.contactedAt,
      art14NoticeSentAt: origin.art14NoticeSentAt)
    var summary: [String] = []
    if let purge = schedule.purge {
      summary.append(
        "The whole record is deleted on \(ComplianceDates.day(purge.dueAt)) (\(purge.rule.summary))."
      )
    } else {
      summary.append("The record is kept while the person is in contact with the recruiting team.")
    }
    if let contact = schedule.contactData {
      summary.append(
        "Contact data is deleted on \(ComplianceDates.day(contact.dueAt)) (\(contact.rule.summary))."
      )
    }
    return Explanation(
      candidateID: candidateID, generatedAt: now,
      source: Source(
        provider: origin.provider, source: origin.source, aiSourced: origin.aiSourced,
        addedAt: origin.createdAt, sourcedAt: origin.sourcedAt,
        confirmedByUserID: origin.confirmedByUserID, confirmedAt: origin.confirmedAt,
        enrichedAt: origin.enrichedAt, lastVerifiedAt: origin.lastVerifiedAt,
        contactedAt: origin.contactedAt, art14NoticeSentAt: origin.art14NoticeSentAt),
      pipelines: dossier.pipelines.map {
        Pipeline(
          vacancyID: $0.vacancyID, vacancyTitle: $0.vacancyTitle,
          confirmedByUserID: $0.confirmedByUserID,
          confirmedAt: $0.confirmedAt, stage: $0.stage,
          stageChangedByUserID: $0.stageChangedByUserID,
          stageChangedAt: $0.stageChangedAt)
      },
      scoring: scoringStatement,
      scores: scores,
      refreshes: dossier.refreshes.map {
        Refresh(
          state: $0.state, reasonCode: $0.reasonCode, reason: $0.reason, plannedAt: $0.plannedAt,
          finishedAt: $0.finishedAt,
          signals: $0.signals.map {
            Signal(kind: $0.kind, detectedAt: $0.detectedAt, receivedAt: $0.receivedAt)
          })
      },
      notifications: dossier.notifications.map {
        Notification(kind: $0.kind, createdAt: $0.createdAt, status: $0.status)
      },
      retention: Retention(
        recordPurgedAt: schedule.purge?.dueAt, recordRule: schedule.purge?.rule.rawValue,
        contactDataDeletedAt: schedule.contactData?.dueAt,
        contactDataRule: schedule.contactData?.rule.rawValue,
        summary: summary.joined(separator: " ")))
  }

  /// The stored contributions (a JSON array of objects, or an object of feature → points) as a list.
  static func contributions(_ json: String) -> [Contribution] {
    guard let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return [] }
    if let object = parsed as? [String: Any] {
      return object.keys.sorted().map { key in
        Contribution(feature: key, points: (object[key] as? NSNumber)?.doubleValue, detail: nil)
      }
    }
    guard let list = parsed as? [[String: Any]] else { return [] }
    return list.map { item in
      let feature = (item["feature"] ?? item["name"]) as? String ?? "unknown"
      let points = (item["points"] ?? item["contribution"] ?? item["value"]) as? NSNumber
      let detail = (item["detail"] ?? item["sentence"] ?? item["explanation"]) as? String
      return Contribution(feature: feature, points: points?.doubleValue, detail: detail)
    }
  }

  /// The complete explanation as JSON (snake_case keys, RFC 3339 times, sorted keys).
  var json: String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(ComplianceDates.rfc3339(date))
    }
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The explanation in sentences, for the person concerned or a recruiter.
  var plainText: String {
    func day(_ date: Date?) -> String { date.map(ComplianceDates.day) ?? "not recorded" }
    var lines: [String] = [
      "Explanation for candidate \(candidateID) (produced \(day(generatedAt)))", "",
    ]
    lines.append("Where the data came from")
    lines.append(
      "  Source: \(source.source) via \(source.provider)"
        + (source.aiSourced ? ", found by an AI sourcing tool" : "") + ".")
    lines.append(
      "  Sourced on \(day(source.sourcedAt)); added to the database on \(day(source.addedAt)).")
    if let user = source.confirmedByUserID {
      lines.append("  Confirmed into the database by \(user) on \(day(source.confirmedAt)).")
    }
    if let refreshed = source.lastVerifiedAt ?? source.enrichedAt {
      lines.append("  Last refreshed from the provider on \(day(refreshed)).")
    } else {
      lines.append("  Never refreshed from the provider.")
    }
    if source.contactedAt != nil {
      lines.append("  First contacted on \(day(source.contactedAt)).")
    }
    if source.art14NoticeSentAt != nil {
      lines.append("  Informed under GDPR Art. 14 on \(day(source.art14NoticeSentAt)).")
    }
    lines.append("")
    lines.append("Pipelines (decided by people)")
    if pipelines.isEmpty { lines.append("  Not in any vacancy's pipeline.") }
    for entry in pipelines {
      lines.append(
        "  \(entry.vacancyTitle) (vacancy \(entry.vacancyID)): confirmed by \(entry.confirmedByUserID) on "
          + "\(day(entry.confirmedAt)); stage \"\(entry.stage)\" set by \(entry.stageChangedByUserID) on "
          + "\(day(entry.stageChangedAt)).")
    }
    lines.append("")
    lines.append("Scoring")
    lines.append("  " + scoring)
    if scores.isEmpty { lines.append("  No scores.") }
    for score in scores {
      lines.append(
        "  \(score.score)/100 for \(score.vacancyTitle ?? "vacancy \(score.vacancyID)") on \(day(score.scoredAt)) "
          + "(model \(score.modelVersion), after \(score.trigger)\(score.isCurrent ? ", current" : ", superseded")):"
      )
      for part in score.breakdown {
        let points = part.points.map { String(format: "%+.1f", $0) } ?? "?"
        lines.append("    \(part.feature): \(points)" + (part.detail.map { " (\($0))" } ?? ""))
      }
    }
    lines.append("")
    lines.append("Refreshes")
    if refreshes.isEmpty { lines.append("  None.") }
    for refresh in refreshes {
      let causes =
        refresh.signals.isEmpty
        ? "no signal (scheduled)"
        : refresh.signals.map { "\($0.kind) detected \(day($0.detectedAt))" }.joined(
          separator: ", ")
      lines.append(
        "  Planned \(day(refresh.plannedAt)), \(refresh.state): \(refresh.reason) (caused by \(causes))."
      )
    }
    lines.append("")
    lines.append("Notifications sent about this person")
    if notifications.isEmpty { lines.append("  None.") }
    for notification in notifications {
      lines.append("  \(notification.kind) on \(day(notification.createdAt)).")
    }
    lines.append("")
    lines.append("Retention")
    lines.append("  " + retention.summary)
    return lines.joined(separator: "\n")
  }
}
