import Domain
import Foundation
import Storage

/// Turns the re-matcher's match events into recruiter notifications inside the score write's transaction:
/// a score that crossed the threshold or moved by the delta goes to the vacancy owner (and the pipeline owner
/// when the candidate is in that vacancy's pipeline), with the breakdown. An in-pipeline candidate's job
/// change or open-to-work is already announced by the refresh that found it, so it is not sent twice here.
struct MatchNotifications: Sendable {
  /// Digest rules.
  let policy: NotificationPolicy
  /// Where the time comes from.
  let clock: any Clock

  /// The sink the re-matcher calls.
  var sink: MatchingSink {
    let notifications = self
    return { notice, connection in try notifications.enqueue(notice, in: connection) }
  }

  /// Enqueues the notifications one notice calls for.
  func enqueue(_ notice: MatchingNotice, in connection: Connection) throws {
    guard let score = notice.score,
      notice.events.contains(where: { $0.kind != .pipelineCandidateChanged })
    else { return }
    let name =
      try CandidateStore.record(id: notice.candidateID, in: connection)?.profile?.name
      ?? "Candidate \(notice.candidateID)"
    let title =
      try VacancyStore.vacancy(id: notice.vacancyID, in: connection)?.title
      ?? "vacancy \(notice.vacancyID)"
    let pipelineOwner = try OutboxStore.pipelineAudiences(
      candidateID: notice.candidateID, in: connection
    ).first { $0.vacancyID == notice.vacancyID }?.audience.pipelineOwner
    let audience = NotificationAudience(
      pipelineOwner: pipelineOwner, vacancyOwner: notice.ownerUserID)
    let before = notice.previous.map { "\($0) → " } ?? "new: "
    let reasons = notice.events.filter { $0.kind != .pipelineCandidateChanged }.map(\.reason)
    let event = NotificationEvent(
      kind: .scoreChanged, candidateID: notice.candidateID, vacancyID: notice.vacancyID,
      summary: "\(name) for \(title): advisory score \(before)\(score.total)",
      score: NotificationScore(
        score: score.total, previous: notice.previous, reason: reasons.joined(separator: "; "),
        breakdown: score.contributions.map {
          NotificationScore.Part(feature: $0.feature.rawValue, points: Double($0.points))
        }),
      observedAt: clock.now())
    for draft in policy.drafts(for: event, audience: audience, now: clock.now()) {
      _ = try OutboxStore.enqueue(draft, in: connection)
    }
  }
}
