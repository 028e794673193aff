import Domain
import Foundation
import Storage

/// Turns a refresh's change events into recruiter notifications, inside the refresh's own transaction
/// (the transactional outbox): the pipeline owner and, when different, the vacancy owner of every open
/// vacancy the candidate is in hear what changed. Candidates in no open pipeline notify nobody.
struct ChangeNotifications: Sendable {
  /// Digest rules (several changes within the window become one notification).
  let policy: NotificationPolicy
  /// Called after notifications were enqueued (the dispatcher's `wake`).
  var onEnqueued: @Sendable () -> Void = {}

  /// Enqueues notifications for `events` about `candidateID`.
  func enqueue(candidateID: Int64, events: [ChangeEvent], now: Date, in connection: Connection)
    throws
  {
    guard !events.isEmpty else { return }
    let audiences = try OutboxStore.pipelineAudiences(candidateID: candidateID, in: connection)
    guard !audiences.isEmpty else { return }
    let name =
      try CandidateStore.record(id: candidateID, in: connection)?.profile?.name
      ?? "Candidate \(candidateID)"
    let kinds = Set(events.map(\.kind))
    let kind: NotificationKind =
      if !kinds.isDisjoint(with: [.jobChanged, .companyChanged, .titleChanged]) {
        .jobChanged
      } else if kinds.contains(.openToWorkChanged) {
        .openToWork
      } else if kinds.contains(.refreshFailed) {
        .refreshFailed
      } else {
        .profileChanged
      }
    let changes = events.map {
      NotificationChange(field: $0.kind.rawValue, before: $0.before, after: $0.after)
    }
    let summary = "\(name): " + events.map(Self.describe).joined(separator: "; ")
    for (vacancyID, audience) in audiences {
      let event = NotificationEvent(
        kind: kind, candidateID: candidateID, vacancyID: vacancyID, summary: summary,
        changes: changes, observedAt: now)
      for draft in policy.drafts(for: event, audience: audience, now: now) {
        _ = try OutboxStore.enqueue(draft, in: connection)
      }
    }
    onEnqueued()
  }

  /// One change as a short phrase: "job changed: Acme → Globex".
  static func describe(_ event: ChangeEvent) -> String {
    let label = event.kind.rawValue.replacingOccurrences(of: "_", with: " ")
      .replacingOccurrences(of: "refresh.failed", with: "refresh failed")
    switch (event.before, event.after) {
    case (let before?, let after?): return "\(label): \(before) → \(after)"
    case (nil, let after?): return "\(label): \(after)"
    case (let before?, nil): return "\(label): was \(before)"
    case (nil, nil): return label
    }
  }
}
