public import Foundation

/// A synonym table kept as data (`fixtures/matching/*.json`): canonical terms with their aliases, plus
/// stop words. The caller reads the file; Domain only parses the bytes, so it does no I/O.
///
/// Format: `{"version": 1, "synonyms": {"javascript": ["js", "ecmascript"]}, "stop_words": ["of"]}`;
/// `stop_words` is optional. A term may appear once, as a canonical or as one alias.
public struct SynonymTable: Sendable, Hashable {
  /// Canonical term → its aliases, as written in the data.
  public let synonyms: [String: [String]]
  /// Words to drop (used for titles).
  public let stopWords: Set<String>

  /// An empty table: no synonyms, no stop words.
  public static let empty = SynonymTable(validated: [:], stopWords: [])

  private init(validated synonyms: [String: [String]], stopWords: Set<String>) {
    self.synonyms = synonyms
    self.stopWords = stopWords
  }

  /// Creates a table from values, with the same checks as the JSON parser.
  public init(synonyms: [String: [String]], stopWords: Set<String> = []) throws(SynonymTableError) {
    try Self.validate(synonyms: synonyms, stopWords: stopWords)
    self.init(validated: synonyms, stopWords: stopWords)
  }

  /// Parses a table from JSON bytes; a malformed document, an empty term or a term listed twice is an error.
  public init(json: Data) throws(SynonymTableError) {
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: json)
    } catch {
      throw .malformed
    }
    guard file.version == 1 else { throw .unsupportedVersion(file.version) }
    try self.init(synonyms: file.synonyms, stopWords: Set(file.stopWords ?? []))
  }

  /// Alias key → canonical key, each term passed through `key` (a normaliser), canonicals mapping to
  /// themselves; two canonicals whose terms reach the same key are an error, as the data would be ambiguous.
  public func aliasMap(key: (String) -> String) throws(SynonymTableError) -> [String: String] {
    var map: [String: String] = [:]
    for canonical in synonyms.keys.sorted() {
      let target = key(canonical)
      for term in [canonical] + (synonyms[canonical] ?? []) {
        let termKey = key(term)
        guard !termKey.isEmpty else { throw .emptyTerm(canonical: canonical) }
        if let existing = map[termKey], existing != target { throw .duplicateTerm(termKey) }
        map[termKey] = target
      }
    }
    return map
  }

  private static func validate(
    synonyms: [String: [String]], stopWords: Set<String>
  ) throws(SynonymTableError) {
    var seen: Set<String> = []
    for canonical in synonyms.keys.sorted() {
      for term in [canonical] + (synonyms[canonical] ?? []) {
        let folded = FeatureText.trimmed(term.lowercased())
        guard !folded.isEmpty else { throw .emptyTerm(canonical: canonical) }
        guard seen.insert(folded).inserted else { throw .duplicateTerm(folded) }
      }
    }
    if stopWords.contains(where: { FeatureText.trimmed($0).isEmpty }) {
      throw .emptyTerm(canonical: "")
    }
  }

  /// The JSON document.
  private struct File: Decodable {
    var version: Int
    var synonyms: [String: [String]]
    var stopWords: [String]?

    enum CodingKeys: String, CodingKey {
      case version, synonyms
      case stopWords = "stop_words"
    }
  }
}
