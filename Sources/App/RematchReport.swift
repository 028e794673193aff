/// What one rematch pass did, for logs and the `rematch` command (counts only).
public struct RematchReport: Sendable, Hashable, Codable {
  /// Change events consumed (marked `matched_at`).
  public var changesMatched = 0
  /// Vacancies fully rescored (created, edited, or all with `--all`).
  public var vacanciesRescored = 0
  /// Candidate × vacancy pairs scored.
  public var pairsScored = 0
  /// Scores written because they changed (the rest were unchanged and left alone).
  public var scoresWritten = 0
  /// Match events handed to the sink.
  public var eventsRaised = 0
  /// Vacancies left out: unreadable or invalid criteria.
  public var vacanciesSkipped = 0
  /// Candidates left out: no profile or an unreadable one.
  public var candidatesSkipped = 0

  /// An empty report.
  public init() {}

  /// Adds another pass's counts.
  public mutating func add(_ other: RematchReport) {
    changesMatched += other.changesMatched
    vacanciesRescored += other.vacanciesRescored
    pairsScored += other.pairsScored
    scoresWritten += other.scoresWritten
    eventsRaised += other.eventsRaised
    vacanciesSkipped += other.vacanciesSkipped
    candidatesSkipped += other.candidatesSkipped
  }

  private enum CodingKeys: String, CodingKey {
    case changesMatched = "changes_matched"
    case vacanciesRescored = "vacancies_rescored"
    case pairsScored = "pairs_scored"
    case scoresWritten = "scores_written"
    case eventsRaised = "events_raised"
    case vacanciesSkipped = "vacancies_skipped"
    case candidatesSkipped = "candidates_skipped"
  }
}
