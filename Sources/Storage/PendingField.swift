public import Foundation

/// A field that can bias a hiring decision, proposed by an enrichment and waiting for a recruiter.
public struct PendingField: Sendable, Hashable {
  /// The field name (`photo_url`).
  public var field: String
  /// The proposed value.
  public var value: String
  /// When the enrichment proposed it.
  public var proposedAt: Date
  /// Who accepted it, once accepted.
  public var acceptedByUserID: String?
  /// When it was accepted.
  public var acceptedAt: Date?

  /// Creates a pending field value.
  public init(
    field: String, value: String, proposedAt: Date, acceptedByUserID: String? = nil,
    acceptedAt: Date? = nil
  ) {
    self.field = field
    self.value = value
    self.proposedAt = proposedAt
    self.acceptedByUserID = acceptedByUserID
    self.acceptedAt = acceptedAt
  }

  /// Whether a recruiter accepted it.
  public var isAccepted: Bool { acceptedAt != nil }
}
