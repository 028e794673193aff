/// A synonym table could not be read or parsed.
public struct MatchingSynonymsError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's name.
  public var file: String
  /// Why.
  public var reason: String

  /// `"skill-synonyms.json: ..."`.
  public var description: String { "\(file): \(reason)" }
}
