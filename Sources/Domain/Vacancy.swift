/// An open (or closed) role a recruiter fills, with the criteria candidates are scored against.
public struct Vacancy: Sendable, Hashable, Codable, Identifiable {
  /// Stable id of the vacancy.
  public var id: String
  /// The vacancy's display title (`"Senior Backend Engineer, Payments"`).
  public var title: String
  /// What the vacancy asks for.
  public var criteria: VacancyCriteria
  /// The recruiter who owns the vacancy and receives its match notifications.
  public var ownerUserID: String
  /// Whether the vacancy is open; only open vacancies are rescored on change events.
  public var isOpen: Bool
  /// The owner's switch for AI scoring; when false no fresh score may be computed for this vacancy
  /// (`FeatureBuilder.features(for:)` refuses), and existing scores stay readable, marked as stopped.
  public var aiScoring: Bool

  /// Creates a vacancy; open and with AI scoring on unless said otherwise.
  public init(
    id: String, title: String, criteria: VacancyCriteria, ownerUserID: String, isOpen: Bool = true,
    aiScoring: Bool = true
  ) {
    self.id = id
    self.title = title
    self.criteria = criteria
    self.ownerUserID = ownerUserID
    self.isOpen = isOpen
    self.aiScoring = aiScoring
  }
}
