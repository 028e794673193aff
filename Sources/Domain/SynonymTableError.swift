/// Why a synonym table was refused.
public enum SynonymTableError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The bytes are not a JSON document of the expected shape.
  case malformed
  /// The document's `version` is not one this code reads.
  case unsupportedVersion(Int)
  /// A canonical term or alias is empty (`canonical` names the entry it belongs to).
  case emptyTerm(canonical: String)
  /// The same term (lowercased) appears twice, so its meaning would be ambiguous.
  case duplicateTerm(String)

  /// A one-line English description.
  public var description: String {
    switch self {
    case .malformed: "synonym table: not a JSON object with version and synonyms"
    case .unsupportedVersion(let version): "synonym table: unsupported version \(version)"
    case .emptyTerm(let canonical): "synonym table: empty term under \"\(canonical)\""
    case .duplicateTerm(let term): "synonym table: \"\(term)\" appears more than once"
    }
  }
}
