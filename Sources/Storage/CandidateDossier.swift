public import Foundation

/// What the explanation of one candidate is built from: the decision record, read in one snapshot.
public struct CandidateDossier: Sendable, Hashable {
  /// Where the record came from and its retention clocks.
  public struct Origin: Sendable, Hashable {
    /// The provider that names the person.
    public var provider: String
    /// How the person entered the database (`source` column).
    public var source: String
    /// Whether an AI sourcing tool found the person.
    public var aiSourced: Bool
    /// When the row was created.
    public var createdAt: Date
    /// When the person was sourced.
    public var sourcedAt: Date?
    /// Who confirmed the person into the database, and when.
    public var confirmedByUserID: String?
    /// When the person was confirmed.
    public var confirmedAt: Date?
    /// Last enrichment.
    public var enrichedAt: Date?
    /// Last verification against the provider.
    public var lastVerifiedAt: Date?
    /// First contact.
    public var contactedAt: Date?
    /// Art. 14 notice.
    public var art14NoticeSentAt: Date?
    /// Whether contact data is held.
    public var hasContactData: Bool
  }

  /// A confirmation into a vacancy's pipeline.
  public struct PipelineConfirmation: Sendable, Hashable {
    /// The vacancy id.
    public var vacancyID: Int64
    /// The vacancy title.
    public var vacancyTitle: String
    /// Who confirmed.
    public var confirmedByUserID: String
    /// When.
    public var confirmedAt: Date
    /// The current stage.
    public var stage: String
    /// Who set the current stage, and when.
    public var stageChangedByUserID: String
    /// When the stage was set.
    public var stageChangedAt: Date
  }

  /// One advisory score (current or historical).
  public struct Score: Sendable, Hashable {
    /// The vacancy id.
    public var vacancyID: Int64
    /// The vacancy title, when it still exists.
    public var vacancyTitle: String?
    /// 0–100.
    public var score: Int
    /// The per-feature contributions as stored (JSON).
    public var contributions: String
    /// The scoring model's version.
    public var modelVersion: String
    /// What caused the scoring.
    public var trigger: String
    /// When.
    public var scoredAt: Date
    /// Whether this is the current score for the vacancy.
    public var isCurrent: Bool
  }

  /// One refresh (planned, running, done or failed) and what caused it.
  public struct Refresh: Sendable, Hashable {
    /// The plan item id.
    public var id: Int64
    /// State.
    public var state: String
    /// Why (code).
    public var reasonCode: String
    /// Why (words).
    public var reason: String
    /// When it was planned.
    public var plannedAt: Date
    /// When it finished.
    public var finishedAt: Date?
    /// The signals that caused it.
    public var signals: [SignalSummary]
  }

  /// A signal, without the provider's payload.
  public struct SignalSummary: Sendable, Hashable {
    /// Signal id.
    public var id: Int64
    /// Kind (`job_changed`, ...).
    public var kind: String
    /// When the provider detected it.
    public var detectedAt: Date
    /// When it arrived.
    public var receivedAt: Date
  }

  /// A notification sent about the person.
  public struct NotificationSummary: Sendable, Hashable {
    /// Its kind.
    public var kind: String
    /// When it was made.
    public var createdAt: Date?
    /// Its status.
    public var status: String?
  }

  /// The candidate id.
  public var candidateID: Int64
  /// Origin and clocks.
  public var origin: Origin
  /// Pipeline confirmations.
  public var pipelines: [PipelineConfirmation]
  /// Scores, oldest first.
  public var scores: [Score]
  /// Refreshes, oldest first.
  public var refreshes: [Refresh]
  /// Every signal received about the person, oldest first.
  public var signals: [SignalSummary]
  /// Notifications about the person (empty when notifications are not stored yet).
  public var notifications: [NotificationSummary]
}
