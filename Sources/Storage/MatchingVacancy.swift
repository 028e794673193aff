/// A vacancy as the re-matcher reads it: the criteria JSON as stored (`VacancyCriteria`), whether it is open
/// and scored, its criteria version and the version it was last fully scored at.
public struct MatchingVacancy: Sendable, Hashable {
  /// Row id.
  public var id: Int64
  /// Display title.
  public var title: String
  /// The criteria JSON.
  public var criteria: String
  /// The owner, who receives match events.
  public var ownerUserID: String
  /// Whether the vacancy is open.
  public var isOpen: Bool
  /// The owner's AI scoring switch (false: the stop switch is on).
  public var aiScoring: Bool
  /// Moves whenever the criteria are edited.
  public var criteriaVersion: Int64
  /// The criteria version of the last full scoring, nil when never (or scoring was switched off since).
  public var scoredCriteriaVersion: Int64?

  /// Creates a vacancy view.
  public init(
    id: Int64, title: String, criteria: String, ownerUserID: String, isOpen: Bool, aiScoring: Bool,
    criteriaVersion: Int64, scoredCriteriaVersion: Int64?
  ) {
    self.id = id
    self.title = title
    self.criteria = criteria
    self.ownerUserID = ownerUserID
    self.isOpen = isOpen
    self.aiScoring = aiScoring
    self.criteriaVersion = criteriaVersion
    self.scoredCriteriaVersion = scoredCriteriaVersion
  }

  /// Whether the vacancy must be fully rescored: open, scored, and its criteria moved since the last run.
  public var needsFullScoring: Bool {
    isOpen && aiScoring && scoredCriteriaVersion != criteriaVersion
  }
}
