/// A replay or export that cannot go on, with a sentence saying why (exit status 1).
struct ReplayError: Error, CustomStringConvertible {
  /// What went wrong.
  let description: String

  /// Wraps `description`.
  init(_ description: String) { self.description = description }
}
