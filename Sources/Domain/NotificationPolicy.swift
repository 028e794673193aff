public import Foundation

/// Turns a change or match event plus pipeline ownership into notification drafts: one for the pipeline
/// owner and one for the vacancy owner when different, each with a digest key so that several changes to
/// one candidate within `digestWindow` coalesce (see `NotificationDigest.decide`).
public struct NotificationPolicy: Sendable, Hashable {
  /// The digest window in seconds (`notifications.digest_window_seconds`, default 600).
  public var digestWindow: TimeInterval

  /// The default window: 10 minutes.
  public static let defaultDigestWindow: TimeInterval = 600

  /// Creates a policy.
  public init(digestWindow: TimeInterval = NotificationPolicy.defaultDigestWindow) {
    self.digestWindow = max(0, digestWindow)
  }

  /// The drafts for `event`: one per distinct recipient of `audience`, created at `now`.
  public func drafts(for event: NotificationEvent, audience: NotificationAudience, now: Date)
    -> [NotificationDraft]
  {
    audience.recipients.map { recipient in
      NotificationDraft(
        recipient: recipient, kind: event.kind, candidateID: event.candidateID,
        vacancyID: event.vacancyID,
        data: NotificationData(
          recruiter: recipient, candidateID: event.candidateID, vacancyID: event.vacancyID,
          summary: event.summary, changes: event.changes, score: event.score,
          observedAt: event.observedAt, eventTypes: [event.kind.rawValue]),
        digestKey: Self.digestKey(recipient: recipient, event: event), digestWindow: digestWindow,
        createdAt: now)
    }
  }

  /// `recipient|family|candidate[|vacancy]`: changes to one candidate share a key per recipient; scores
  /// are keyed per vacancy as well; events without a candidate are never coalesced.
  public static func digestKey(recipient: String, event: NotificationEvent) -> String? {
    guard let candidateID = event.candidateID else { return nil }
    var key = "\(recipient)|\(event.kind.digestFamily)|c\(candidateID)"
    if event.kind == .scoreChanged, let vacancyID = event.vacancyID { key += "|v\(vacancyID)" }
    return key
  }
}
