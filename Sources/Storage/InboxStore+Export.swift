/// Operator tools over the inbox: streaming ids for replay and correcting a delivery's stored format.
extension InboxStore {
  /// Ids of deliveries matching `filter` (its `afterID` and `limit` page through them), oldest first.
  public static func ids(_ filter: InboxFilter, in connection: Connection) throws -> [Int64] {
    try list(filter, in: connection).map(\.id)
  }

  /// Sets the payload format a stored delivery is read with (after an operator corrected the source's
  /// format); returns whether the row changed.
  @discardableResult
  public static func setFormat(id: Int64, format: String, in connection: Connection) throws -> Bool
  {
    try connection.run(
      "UPDATE inbox SET format = ? WHERE id = ? AND format <> ?",
      [.text(format), .integer(id), .text(format)])
    return connection.changes > 0
  }
}
