/// What a recruiter notification is about; the raw value is the outbound event `type` (INTERFACES.md).
public enum NotificationKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// An in-pipeline candidate changed job (company or title at a new employer).
  case jobChanged = "candidate.job_changed"
  /// An in-pipeline candidate opened to work.
  case openToWork = "candidate.open_to_work"
  /// An in-pipeline candidate's profile changed (title, location, moved).
  case profileChanged = "candidate.profile_changed"
  /// A candidate's score for an open vacancy crossed the threshold or moved by the delta.
  case scoreChanged = "match.score_changed"
  /// A refresh failed for good.
  case refreshFailed = "refresh.failed"
  /// A delivery channel was disabled (the receiver answered 410); sent to the feed only.
  case channelDisabled = "notification.channel_disabled"

  /// Which notifications may be coalesced into one digest: candidate changes share one family.
  public var digestFamily: String {
    switch self {
    case .jobChanged, .openToWork, .profileChanged: "change"
    case .scoreChanged: "score"
    case .refreshFailed: "refresh"
    case .channelDisabled: "channel"
    }
  }

  /// When changes of several kinds coalesce, the digest carries the most significant kind.
  public var significance: Int {
    switch self {
    case .jobChanged: 3
    case .openToWork: 2
    case .profileChanged: 1
    case .scoreChanged, .refreshFailed, .channelDisabled: 0
    }
  }

  /// Whether the notification goes to the recruiter's external channels (webhook, Slack, email).
  public var isDeliveredExternally: Bool { self != .channelDisabled }
}
