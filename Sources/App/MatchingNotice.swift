public import Domain

/// Match events for one candidate × vacancy, handed to the notifier's sink inside the transaction that
/// wrote the score. Ids are pseudonymous row ids; no personal data.
public struct MatchingNotice: Sendable, Hashable {
  /// The candidate.
  public var candidateID: Int64
  /// The vacancy.
  public var vacancyID: Int64
  /// The vacancy's owner, who is told.
  public var ownerUserID: String
  /// The vacancy's title as the re-matcher read it (not personal data); nil makes the notifier look it up.
  public var vacancyTitle: String?
  /// The previous current score, nil on a first scoring (or when the vacancy is not scored).
  public var previous: Int?
  /// The new score's points per feature (`points.total` is the score); nil when the vacancy's scoring is
  /// stopped (pipeline events only). Points, not a `MatchScore`: building every feature's sentence for
  /// each of tens of thousands of events in a large delta was a visible share of it, and a notification
  /// carries the points only (the sentences are rebuilt from snapshots when a score is explained).
  public var points: MatchPoints?
  /// What happened, in `MatchEvent.Kind.allCases` order; never empty.
  public var events: [MatchEvent]
  /// What caused the rescoring (`change:42`, `vacancy:7@3`, `rematch:all`).
  public var trigger: String

  /// Creates a notice.
  public init(
    candidateID: Int64, vacancyID: Int64, ownerUserID: String, previous: Int?, points: MatchPoints?,
    events: [MatchEvent], trigger: String, vacancyTitle: String? = nil
  ) {
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.ownerUserID = ownerUserID
    self.vacancyTitle = vacancyTitle
    self.previous = previous
    self.points = points
    self.events = events
    self.trigger = trigger
  }
}
