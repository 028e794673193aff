public import Domain

/// A new score for one candidate × vacancy, to be written as the pair's current score: its points (the
/// total is their sum), the criteria version it was computed against, and whether the vacancy's own
/// creation or edit triggered it (its trigger then reads `vacancy:ID@VERSION`).
public struct ScoreWrite: Sendable, Hashable {
  /// The vacancy scored against.
  public var vacancyID: Int64
  /// The points per feature.
  public var points: MatchPoints
  /// The vacancy's criteria version the score was computed against.
  public var criteriaVersion: Int64
  /// Whether the vacancy's creation or edit triggered it, rather than the run's trigger.
  public var byVacancy: Bool

  /// Creates a score to write.
  public init(
    vacancyID: Int64, points: MatchPoints, criteriaVersion: Int64, byVacancy: Bool = false
  ) {
    self.vacancyID = vacancyID
    self.points = points
    self.criteriaVersion = criteriaVersion
    self.byVacancy = byVacancy
  }

  /// The total.
  public var score: Int { points.total }

  /// The trigger this score is shown with, given its run's trigger.
  public func trigger(run: String) -> String {
    byVacancy ? "vacancy:\(vacancyID)@\(criteriaVersion)" : run
  }
}
