/// Splits a job title into normalised words for matching: lowercase, split on spaces and punctuation, expand
/// abbreviations and phrases from the title synonym table (`Sr.` → `senior`, `Eng` → `engineer`, `SWE` →
/// `software engineer`, `Front-End` → `frontend`) and drop stop words (`of`, `and`, `the`).
public struct TitleTokenizer: Sendable {
  /// One-word alias → the canonical's words.
  private let words: [String: [String]]
  /// Several-word alias (words joined by one space) → the canonical's words.
  private let phrases: [String: [String]]
  /// First words of the several-word aliases, so phrases are only tried where one can start.
  private let phraseStarts: Set<String>
  /// The most words any alias has.
  private let longestPhrase: Int
  private let stopWords: Set<String>

  /// Creates a tokenizer from a title synonym table (canonicals and aliases may be several words).
  public init(synonyms: SynonymTable) throws(SynonymTableError) {
    let map = try synonyms.aliasMap(key: { Self.split($0).joined(separator: " ") })
    var words: [String: [String]] = [:]
    var phrases: [String: [String]] = [:]
    var starts: Set<String> = []
    var longest = 1
    for (alias, canonical) in map {
      let aliasWords = Self.split(alias)
      if aliasWords.count == 1 {
        words[alias] = Self.split(canonical)
      } else {
        phrases[alias] = Self.split(canonical)
        starts.insert(aliasWords[0])
        longest = max(longest, aliasWords.count)
      }
    }
    self.words = words
    self.phrases = phrases
    phraseStarts = starts
    longestPhrase = longest
    stopWords = Set(synonyms.stopWords.map { Self.split($0).joined(separator: " ") })
  }

  /// The title's tokens in order, duplicates kept (callers make sets).
  public func tokens(_ title: String) -> [String] {
    let input = Self.split(title)
    var result: [String] = []
    var index = 0
    while index < input.count {
      var consumed = 0
      if phraseStarts.contains(input[index]) {
        var length = min(longestPhrase, input.count - index)
        while length > 1 && consumed == 0 {
          if let canonical = phrases[input[index..<index + length].joined(separator: " ")] {
            result += canonical.filter { !stopWords.contains($0) }
            consumed = length
          }
          length -= 1
        }
      }
      if consumed == 0 {
        let expanded = words[input[index]] ?? [input[index]]
        result += expanded.filter { !stopWords.contains($0) }
        consumed = 1
      }
      index += consumed
    }
    return result
  }

  /// Lowercase runs of letters, digits, `+` and `#` (`"c++"` and `"c#"` survive as words).
  private static func split(_ text: String) -> [String] {
    FeatureText.words(text, keepSymbols: true)
  }
}
