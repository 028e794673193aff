public import Domain

/// A partial update of a vacancy: nil leaves a field as it is.
public struct VacancyChanges: Sendable, Hashable {
  /// New title.
  public var title: String?
  /// New criteria (bumps `criteria_version`).
  public var criteria: VacancyCriteria?
  /// Open or close.
  public var isOpen: Bool?
  /// Turn AI scoring on or off.
  public var aiScoring: Bool?

  /// Creates a change set.
  public init(
    title: String? = nil, criteria: VacancyCriteria? = nil, isOpen: Bool? = nil, aiScoring: Bool? = nil
  ) {
    self.title = title
    self.criteria = criteria
    self.isOpen = isOpen
    self.aiScoring = aiScoring
  }
}
