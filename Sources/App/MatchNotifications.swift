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
  /// Called after notifications were enqueued (the dispatcher's `wake`).
  let onEnqueued: @Sendable () -> Void
  /// The facts about one candidate read once per `enqueue` call (one candidate's notices of one pass):
  /// never kept across calls, so a renamed, re-owned or erased candidate (whose id SQLite may give to
  /// someone new) is never described with what was true before.
  private struct CandidateFacts {
    var name: String
    /// The pipeline owner per vacancy the candidate is in (nil: in the pipeline, no owner recorded).
    var pipelineOwners: [Int64: String?]
  }

  /// Creates the notifier side of the re-matcher.
  init(
    policy: NotificationPolicy, clock: any Clock, onEnqueued: @escaping @Sendable () -> Void = {}
  ) {
    self.policy = policy
    self.clock = clock
    self.onEnqueued = onEnqueued
  }

  /// The sink the re-matcher calls.
  var sink: MatchingSink {
    let notifications = self
    return { notices, connection in try notifications.enqueue(notices, in: connection) }
  }

  /// One vacancy's score move for one recipient, before it is written.
  private struct Move {
    var vacancyID: Int64
    var title: String
    var previous: Int?
    var score: NotificationScore
    var summary: String

    /// How far the score moved (a first score counts as moving from 0).
    var distance: Int { abs(score.score - (previous ?? 0)) }
  }

  /// Enqueues the notifications one candidate's notices of one pass call for: per recipient, one
  /// notification. A recipient told about one vacancy gets that vacancy's score and breakdown; a
  /// recipient whose several vacancies moved (a job change can move dozens) gets one notification that
  /// lists every move as a change (`score: <vacancy title> (#id)`, before → after) and carries the
  /// breakdown of the largest move, instead of one webhook per vacancy within the same second.
  func enqueue(_ notices: [MatchingNotice], in connection: Connection) throws {
    var moves: [String: [Move]] = [:]
    var recipients: [String] = []
    var candidateID: Int64?
    var known: [Int64: CandidateFacts] = [:]
    for notice in notices {
      guard let points = notice.points,
        notice.events.contains(where: { $0.kind != .pipelineCandidateChanged })
      else { continue }
      candidateID = notice.candidateID
      let facts = try facts(candidateID: notice.candidateID, known: &known, in: connection)
      let title =
        try notice.vacancyTitle
        ?? VacancyStore.vacancy(id: notice.vacancyID, in: connection)?.title
        ?? "vacancy \(notice.vacancyID)"
      let pipelineOwner = facts.pipelineOwners[notice.vacancyID] ?? nil
      let audience = NotificationAudience(
        pipelineOwner: pipelineOwner, vacancyOwner: notice.ownerUserID)
      let before = notice.previous.map { "\($0) → " } ?? "new: "
      let reasons = notice.events.filter { $0.kind != .pipelineCandidateChanged }.map(\.reason)
      let move = Move(
        vacancyID: notice.vacancyID, title: title, previous: notice.previous,
        score: NotificationScore(
          score: points.total, previous: notice.previous, reason: reasons.joined(separator: "; "),
          // Every feature in `MatchFeature.allCases` order, as a score's contributions are.
          breakdown: MatchFeature.allCases.enumerated().map { index, feature in
            NotificationScore.Part(feature: feature.rawValue, points: Double(points[index]))
          }),
        summary: "\(facts.name) for \(title): advisory score \(before)\(points.total)")
      for recipient in audience.recipients {
        if moves[recipient] == nil { recipients.append(recipient) }
        moves[recipient, default: []].append(move)
      }
    }
    guard let candidateID else { return }
    let now = clock.now()
    defer { onEnqueued() }
    for recipient in recipients {
      let moved = moves[recipient] ?? []
      guard let largest = moved.max(by: { $0.distance < $1.distance }) else { continue }
      let event: NotificationEvent
      if moved.count == 1 {
        event = NotificationEvent(
          kind: .scoreChanged, candidateID: candidateID, vacancyID: largest.vacancyID,
          summary: largest.summary, score: largest.score, observedAt: now)
      } else {
        let name = try facts(candidateID: candidateID, known: &known, in: connection).name
        event = NotificationEvent(
          kind: .scoreChanged, candidateID: candidateID, vacancyID: largest.vacancyID,
          summary: "\(name): advisory scores moved for \(moved.count) vacancies; largest: "
            + "\(largest.title) \(largest.previous.map { "\($0) → " } ?? "new: ")\(largest.score.score)",
          changes: moved.map { move in
            NotificationChange(
              field: "score: \(move.title) (#\(move.vacancyID))",
              before: move.previous.map(String.init),
              after: String(move.score.score))
          },
          score: largest.score, observedAt: now)
      }
      guard
        var draft = policy.drafts(
          for: event, audience: NotificationAudience(pipelineOwner: nil, vacancyOwner: recipient),
          now: now
        ).first
      else { continue }
      if moved.count > 1 {
        // Several vacancies: one digest per candidate (not per vacancy), so a later pass folds in.
        var perCandidate = event
        perCandidate.vacancyID = nil
        draft.digestKey = NotificationPolicy.digestKey(recipient: recipient, event: perCandidate)
        draft.data.eventCount = moved.count
      }
      _ = try OutboxStore.enqueue(draft, in: connection)
    }
  }

  /// The candidate's name and pipeline owners, read from the database once per `enqueue` call.
  private func facts(
    candidateID: Int64, known: inout [Int64: CandidateFacts], in connection: Connection
  ) throws -> CandidateFacts {
    if let facts = known[candidateID] { return facts }
    let name =
      try CandidateStore.record(id: candidateID, in: connection)?.profile?.name
      ?? "Candidate \(candidateID)"
    var owners: [Int64: String?] = [:]
    for entry in try OutboxStore.pipelineAudiences(candidateID: candidateID, in: connection)
    where owners.index(forKey: entry.vacancyID) == nil {
      owners.updateValue(entry.audience.pipelineOwner, forKey: entry.vacancyID)
    }
    let facts = CandidateFacts(name: name, pipelineOwners: owners)
    known[candidateID] = facts
    return facts
  }
}
