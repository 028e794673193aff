import Domain
import Foundation
import Storage

/// The summary a recruiting lead reads at the end of the demo.
enum DemoSummary {
  static func build(
    service: TalentwatchService, scenario: DemoScenario, setup: DemoSetup.Result,
    sent: [DemoRunner.SentDelivery], plan: Plan, receiver: DemoReceiver,
    configuration: Configuration, now: Date
  ) async throws -> String {
    let database = service.database
    let facts = try await database.read { connection in
      try ActivityReport.collect(in: connection)
    }
    var lines: [String] = []
    func section(_ title: String) {
      lines.append("")
      lines.append(title)
      lines.append(String(repeating: "-", count: title.count))
    }
    let names = facts.names

    section("Deliveries this week")
    for delivery in sent {
      lines.append("  day \(delivery.day)  \(answer(delivery.status))  \(delivery.what)")
    }
    let byStatus = facts.inboxByStatus.sorted { $0.key.rawValue < $1.key.rawValue }
      .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
    lines.append("  stored deliveries: \(byStatus.isEmpty ? "none" : byStatus)")
    for entry in facts.quarantined {
      lines.append("  quarantined #\(entry.id) (\(entry.source)): \(entry.error ?? "unreadable")")
    }

    section("What changed, and for whom")
    if facts.changes.isEmpty { lines.append("  no change events yet") }
    for change in facts.changes {
      let who = names[change.candidateID] ?? "candidate \(change.candidateID)"
      lines.append("  \(who): \(change.kind) \(change.before ?? "—") → \(change.after ?? "—")")
    }

    section("Refreshes: what was re-enriched and why, what was skipped and why")
    if facts.planItems.isEmpty { lines.append("  no refresh planned yet") }
    for item in facts.planItems {
      let who = names[item.candidateID] ?? "candidate \(item.candidateID)"
      lines.append("  \(who) [\(item.state)]: \(item.reason)")
    }
    lines.append("  the planner now (dry run, after the late delivery):")
    for item in plan.items where item.decision != .refresh || !item.signalIDs.isEmpty {
      let who = names[item.candidateID] ?? "candidate \(item.candidateID)"
      lines.append("    \(who) [\(item.decision.rawValue)]: \(item.reason.sentence)")
    }

    section("Credits")
    let refreshCredits = facts.credits.filter { $0.purpose == "refresh" }.reduce(0) {
      $0 + $1.credits
    }
    let addCredits = facts.credits.filter { $0.purpose == "add" }.reduce(0) { $0 + $1.credits }
    let otherCredits = facts.credits.reduce(0) { $0 + $1.credits } - refreshCredits - addCredits
    let held = Double(facts.names.count)
    lines.append(
      "  spent: \(format(addCredits)) on human-confirmed adds, \(format(refreshCredits)) on refreshes"
        + (otherCredits > 0 ? ", \(format(otherCredits)) on contact data" : ""))
    lines.append(
      "  a blind 30-day re-pull of the \(Int(held)) held candidates costs \(format(held)) credits a month "
        + "(\(format(held * 7 / 30)) for this week), whatever changed; the delta planner paid "
        + "\(format(refreshCredits)) for exactly the records that moved")

    section("Scores that moved (advisory: a recruiter reads them; they never change a stage)")
    let moved = facts.scoreMoves.filter { $0.before != nil && $0.before != $0.after }
    lines.append(
      "  \(facts.scoreMoves.count) current candidate × vacancy scores, every one listed with its "
        + "breakdown at GET /api/v1/vacancies/{id}/matches (no threshold hides anyone)")
    if moved.isEmpty { lines.append("  no score moved this week") }
    for move in moved {
      let who = names[move.candidateID] ?? "candidate \(move.candidateID)"
      let before = move.before.map(String.init) ?? "new"
      lines.append(
        "  \(who) for \(move.vacancyTitle): \(before) → \(move.after)  (\(move.breakdown))")
    }

    section("Notifications delivered to recruiters (signed webhooks, verified by the receiver)")
    let received = receiver.notifications
    if received.isEmpty { lines.append("  none") }
    for notification in received {
      lines.append("  \(notification.type): \(notification.summary)")
    }

    section("Retention: what will be purged, and when")
    let policy = configuration.retention
    var schedule: [String: Int] = [:]
    for record in facts.retention {
      guard
        let deadline = policy.purgeDueAt(
          sourcedAt: record.sourcedAt ?? record.createdAt, contactedAt: record.contactedAt,
          art14NoticeSentAt: record.art14NoticeSentAt)
      else { continue }
      schedule[day(deadline.dueAt), default: 0] += 1
    }
    for (date, count) in schedule.sorted(by: { $0.key < $1.key }) {
      lines.append(
        "  \(count) sourced, never-contacted candidate(s) purged on \(date) "
          + "(\(policy.sourcedRetentionDays) days after sourcing, GDPR Art. 14) unless contacted first"
      )
    }
    if schedule.isEmpty { lines.append("  nothing scheduled") }
    return lines.joined(separator: "\n")
  }

  private static func answer(_ status: Int) -> String {
    switch status {
    case 202: "accepted "
    case 200: "duplicate"
    case 401: "refused  "
    default: "HTTP \(status)"
    }
  }

  private static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }

  private static func day(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
  }
}
