import Domain
import Foundation
import Storage
import Synchronization

/// Turns the re-matcher's match events into recruiter notifications inside the score write's transaction:
/// a score that crossed the threshold or moved by the delta goes to the vacancy owner (and the pipeline owner
/// when the candidate is in that vacancy's pipeline), with the breakdown. An in-pipeline candidate's job
/// change or open-to-work is already announced by the refresh that found it, so it is not sent twice here.
struct MatchNotifications: Sendable {
  /// Digest rules.
  let policy: NotificationPolicy
  /// Where the time comes from.
  let clock: any Clock
  /// What the notices of one candidate in one pass share (they arrive one after another, dozens per
  /// job change): the name and the pipeline audiences, read once instead of once per notice.
  private let recent = Recent()

  /// The last candidate's facts, shared by the copies of this value the sink captures.
  private final class Recent: Sendable {
    let facts = Mutex<CandidateFacts?>(nil)
  }

  /// The facts about one candidate read for one pass (`trigger`); a new pass reads them again.
  private struct CandidateFacts {
    var candidateID: Int64
    var trigger: String
    var name: String
    /// The pipeline owner per vacancy the candidate is in (nil: in the pipeline, no owner recorded).
    var pipelineOwners: [Int64: String?]
  }

  /// Creates the notifier side of the re-matcher.
  init(policy: NotificationPolicy, clock: any Clock) {
    self.policy = policy
    self.clock = clock
  }

  /// The sink the re-matcher calls.
  var sink: MatchingSink {
    let notifications = self
    return { notice, connection in try notifications.enqueue(notice, in: connection) }
  }

  /// Enqueues the notifications one notice calls for.
  func enqueue(_ notice: MatchingNotice, in connection: Connection) throws {
    guard let points = notice.points,
      notice.events.contains(where: { $0.kind != .pipelineCandidateChanged })
    else { return }
    let facts = try facts(for: notice, in: connection)
    let name = facts.name
    let title =
      try notice.vacancyTitle
      ?? VacancyStore.vacancy(id: notice.vacancyID, in: connection)?.title
      ?? "vacancy \(notice.vacancyID)"
    let pipelineOwner = facts.pipelineOwners[notice.vacancyID] ?? nil
    let audience = NotificationAudience(
      pipelineOwner: pipelineOwner, vacancyOwner: notice.ownerUserID)
    let before = notice.previous.map { "\($0) → " } ?? "new: "
    let reasons = notice.events.filter { $0.kind != .pipelineCandidateChanged }.map(\.reason)
    let event = NotificationEvent(
      kind: .scoreChanged, candidateID: notice.candidateID, vacancyID: notice.vacancyID,
      summary: "\(name) for \(title): advisory score \(before)\(points.total)",
      score: NotificationScore(
        score: points.total, previous: notice.previous, reason: reasons.joined(separator: "; "),
        // Every feature in `MatchFeature.allCases` order, as a score's contributions are.
        breakdown: MatchFeature.allCases.enumerated().map { index, feature in
          NotificationScore.Part(feature: feature.rawValue, points: Double(points[index]))
        }),
      observedAt: clock.now())
    for draft in policy.drafts(for: event, audience: audience, now: clock.now()) {
      _ = try OutboxStore.enqueue(draft, in: connection)
    }
  }

  /// The candidate's name and pipeline owners for this notice's pass: from the previous notice when it was
  /// about the same candidate in the same pass, read from the database otherwise.
  private func facts(for notice: MatchingNotice, in connection: Connection) throws
    -> CandidateFacts
  {
    if let cached = recent.facts.withLock({ $0 }), cached.candidateID == notice.candidateID,
      cached.trigger == notice.trigger
    {
      return cached
    }
    let name =
      try CandidateStore.record(id: notice.candidateID, in: connection)?.profile?.name
      ?? "Candidate \(notice.candidateID)"
    var owners: [Int64: String?] = [:]
    for entry in try OutboxStore.pipelineAudiences(candidateID: notice.candidateID, in: connection)
    where owners.index(forKey: entry.vacancyID) == nil {
      owners.updateValue(entry.audience.pipelineOwner, forKey: entry.vacancyID)
    }
    let facts = CandidateFacts(
      candidateID: notice.candidateID, trigger: notice.trigger, name: name, pipelineOwners: owners)
    recent.facts.withLock { $0 = facts }
    return facts
  }
}
