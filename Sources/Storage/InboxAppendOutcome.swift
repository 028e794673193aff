/// What appending one delivery to the inbox did.
public enum InboxAppendOutcome: Sendable, Hashable {
  /// Newly stored under this inbox id.
  case accepted(id: Int64)
  /// A delivery with the same (source, delivery id) was already stored, under this id.
  case duplicate(id: Int64)

  /// The inbox id either way.
  public var id: Int64 {
    switch self {
    case .accepted(let id), .duplicate(let id): id
    }
  }
}
