public import Foundation

/// A candidate in a vacancy's pipeline: the stage a human set, who set it, and the last activity.
public struct PipelineEntry: Sendable, Hashable {
  /// Our id.
  public var id: Int64
  /// The candidate.
  public var candidateID: Int64
  /// The vacancy.
  public var vacancyID: Int64
  /// The current stage (`sourced`, `contacted`, `rejected`, ...).
  public var stage: String
  /// The recruiter who owns the entry.
  public var ownerUserID: String
  /// Who confirmed the candidate into the vacancy.
  public var confirmedByUserID: String
  /// When.
  public var confirmedAt: Date
  /// Who made the last stage change.
  public var stageChangedByUserID: String
  /// When.
  public var stageChangedAt: Date
  /// The last human activity on the entry.
  public var lastActivityAt: Date

  /// Creates a value.
  public init(
    id: Int64, candidateID: Int64, vacancyID: Int64, stage: String, ownerUserID: String,
    confirmedByUserID: String, confirmedAt: Date, stageChangedByUserID: String, stageChangedAt: Date,
    lastActivityAt: Date
  ) {
    self.id = id
    self.candidateID = candidateID
    self.vacancyID = vacancyID
    self.stage = stage
    self.ownerUserID = ownerUserID
    self.confirmedByUserID = confirmedByUserID
    self.confirmedAt = confirmedAt
    self.stageChangedByUserID = stageChangedByUserID
    self.stageChangedAt = stageChangedAt
    self.lastActivityAt = lastActivityAt
  }
}
