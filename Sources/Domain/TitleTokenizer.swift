/// Splits a job title into normalised words for matching: lowercase, split on spaces and punctuation, expand
/// abbreviations and phrases from the title synonym table (`Sr.` → `senior`, `Eng` → `engineer`, `SWE` →
/// `software engineer`, `Front-End` → `frontend`) and drop stop words (`of`, `and`, `the`).
public struct TitleTokenizer: Sendable {
  /// Alias (its words joined by one space) → the canonical's words.
  private let expansions: [String: [String]]
  /// The most words any alias has, so matching tries phrases longest first.
  private let longestAlias: Int
  private let stopWords: Set<String>

  /// Creates a tokenizer from a title synonym table (canonicals and aliases may be several words).
  public init(synonyms: SynonymTable) throws(SynonymTableError) {
    let map = try synonyms.aliasMap(key: { Self.split($0.lowercased()).joined(separator: " ") })
    var expansions: [String: [String]] = [:]
    var longest = 1
    for (alias, canonical) in map {
      expansions[alias] = Self.split(canonical)
      longest = max(longest, Self.split(alias).count)
    }
    self.expansions = expansions
    longestAlias = longest
    stopWords = Set(synonyms.stopWords.map { Self.split($0.lowercased()).joined(separator: " ") })
  }

  /// The title's tokens in order, duplicates kept (callers make sets).
  public func tokens(_ title: String) -> [String] {
    let words = Self.split(title.lowercased())
    var result: [String] = []
    var index = 0
    while index < words.count {
      var replaced = false
      var length = min(longestAlias, words.count - index)
      while length > 0 && !replaced {
        let phrase = words[index..<index + length].joined(separator: " ")
        if let canonical = expansions[phrase] {
          result += canonical.filter { !stopWords.contains($0) }
          index += length
          replaced = true
        }
        length -= 1
      }
      if !replaced {
        if !stopWords.contains(words[index]) { result.append(words[index]) }
        index += 1
      }
    }
    return result
  }

  /// Splits lowercase text into runs of letters, digits, `+` and `#` (`"c++"` and `"c#"` survive).
  private static func split(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for character in text {
      if character.isLetter || character.isNumber || character == "+" || character == "#" {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}
