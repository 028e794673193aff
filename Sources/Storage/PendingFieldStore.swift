public import Foundation

/// Sensitive fields held back from the record until a recruiter accepts them.
public enum PendingFieldStore {
  /// The fields that can be accepted, and the candidate column each one is copied into.
  public static let acceptableFields: [String: String] = ["photo_url": "photo_url"]

  /// Why an accept was refused.
  public enum AcceptError: Error, Sendable, Hashable {
    /// Accepting is a human act: the acting user id is required.
    case missingActingUser
    /// The field is not one that can be accepted.
    case unknownField
    /// There is no pending value for this candidate and field.
    case notPending
  }

  /// Holds `value` as pending; a changed value replaces the old one and needs a new accept.
  public static func propose(
    candidateID: Int64, field: String, value: String, at: Date, in connection: Connection
  ) throws {
    try connection.run(
      """
      INSERT INTO pending_fields (candidate_id, field, value, proposed_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (candidate_id, field) DO UPDATE SET
        value = excluded.value, proposed_at = excluded.proposed_at,
        accepted_by_user_id = NULL, accepted_at = NULL
      WHERE pending_fields.value <> excluded.value
      """, [.integer(candidateID), .text(field), .text(value), .date(at)])
  }

  /// Every proposed field of a candidate (accepted or not), by field name.
  public static func fields(candidateID: Int64, in connection: Connection) throws -> [PendingField] {
    try connection.query(
      """
      SELECT field, value, proposed_at, accepted_by_user_id, accepted_at FROM pending_fields
      WHERE candidate_id = ? ORDER BY field
      """, [.integer(candidateID)]
    ).map {
      PendingField(
        field: $0.text(0) ?? "", value: $0.text(1) ?? "",
        proposedAt: $0.date(2) ?? Date(timeIntervalSince1970: 0), acceptedByUserID: $0.text(3),
        acceptedAt: $0.date(4))
    }
  }

  /// Accepts a pending field: copies its value into the record, with the accepting user and time.
  public static func accept(
    candidateID: Int64, field: String, userID: String, at: Date, in connection: Connection
  ) throws -> PendingField {
    guard !userID.isEmpty else { throw AcceptError.missingActingUser }
    guard let column = acceptableFields[field] else { throw AcceptError.unknownField }
    return try connection.transaction {
      guard
        let row = try connection.queryOne(
          "SELECT value, proposed_at FROM pending_fields WHERE candidate_id = ? AND field = ?",
          [.integer(candidateID), .text(field)]),
        let value = row.text(0)
      else { throw AcceptError.notPending }
      try connection.run(
        """
        UPDATE pending_fields SET accepted_by_user_id = ?, accepted_at = ?
        WHERE candidate_id = ? AND field = ?
        """, [.text(userID), .date(at), .integer(candidateID), .text(field)])
      try connection.run(
        "UPDATE candidates SET \(column) = ? WHERE id = ?", [.text(value), .integer(candidateID)])
      return PendingField(
        field: field, value: value, proposedAt: row.date(1) ?? at, acceptedByUserID: userID,
        acceptedAt: at)
    }
  }
}
