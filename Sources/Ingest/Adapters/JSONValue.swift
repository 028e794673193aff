/// A parsed JSON document kept close to its text: numbers keep their lexeme, objects their member order.
///
/// Keeping the lexeme lets a person id such as `4815162342` (or one beyond 2^53) pass through exactly;
/// keeping the order lets adapters report changed fields in payload order.
enum JSONValue: Sendable, Hashable {
  /// One object member: its key and value.
  struct Member: Sendable, Hashable {
    /// The member's key.
    var key: String
    /// The member's value.
    var value: JSONValue
  }

  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, as its JSON lexeme (`-12`, `4815162342`, `1.5e3`).
  case number(String)
  /// A string, unescaped.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, members in payload order (duplicates kept; lookups take the last).
  case object([Member])
}
