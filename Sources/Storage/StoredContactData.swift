public import Foundation

/// A candidate's contact data as stored: fetched on a recruiter's request, with who and when.
public struct StoredContactData: Sendable, Hashable {
  /// The candidate.
  public var candidateID: Int64
  /// Email addresses.
  public var emails: [String]
  /// Phone numbers.
  public var phones: [String]
  /// When it was fetched.
  public var fetchedAt: Date
  /// The recruiter who asked for it.
  public var fetchedByUserID: String

  /// Creates a value.
  public init(
    candidateID: Int64, emails: [String], phones: [String], fetchedAt: Date, fetchedByUserID: String
  ) {
    self.candidateID = candidateID
    self.emails = emails
    self.phones = phones
    self.fetchedAt = fetchedAt
    self.fetchedByUserID = fetchedByUserID
  }
}
