public import Foundation

/// A human's confirmation that a person belongs in the database: who, when, and how they were found.
public struct CandidateConfirmation: Sendable, Hashable {
  /// The authenticated user who confirmed (never a request body field).
  public var userID: String
  /// When they confirmed.
  public var at: Date
  /// Where the record came from (`talentwatch`).
  public var source: String
  /// Whether an AI tool proposed the person.
  public var aiSourced: Bool

  /// Creates a confirmation.
  public init(userID: String, at: Date, source: String = "talentwatch", aiSourced: Bool = false) {
    self.userID = userID
    self.at = at
    self.source = source
    self.aiSourced = aiSourced
  }
}
