public import Domain
public import Foundation

/// A vacancy as stored: the Domain vacancy's fields plus our integer id, times and criteria version.
public struct VacancyRecord: Sendable, Hashable {
  /// Our id.
  public var id: Int64
  /// Display title.
  public var title: String
  /// The matching criteria.
  public var criteria: VacancyCriteria
  /// The owning recruiter.
  public var ownerUserID: String
  /// Whether the vacancy is open.
  public var isOpen: Bool
  /// The owner's AI-scoring switch.
  public var aiScoring: Bool
  /// When it was created.
  public var createdAt: Date
  /// When it last changed.
  public var updatedAt: Date
  /// Incremented whenever the criteria change (scores of older versions are stale).
  public var criteriaVersion: Int64

  /// Creates a value.
  public init(
    id: Int64, title: String, criteria: VacancyCriteria, ownerUserID: String, isOpen: Bool,
    aiScoring: Bool, createdAt: Date, updatedAt: Date, criteriaVersion: Int64
  ) {
    self.id = id
    self.title = title
    self.criteria = criteria
    self.ownerUserID = ownerUserID
    self.isOpen = isOpen
    self.aiScoring = aiScoring
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.criteriaVersion = criteriaVersion
  }

  /// The Domain vacancy the matcher scores against (id as decimal text).
  public var vacancy: Vacancy {
    Vacancy(
      id: String(id), title: title, criteria: criteria, ownerUserID: ownerUserID, isOpen: isOpen,
      aiScoring: aiScoring)
  }
}
