/// Text folding shared by the skill normaliser, the title tokenizer and location keys, with a byte-level
/// fast path for ASCII text (most skills, titles and places) that gives the same words as the Unicode path.
enum FeatureText {
  /// Lowercased words of `text`: runs of letters and digits, with `+` and `#` counting as letters when
  /// `keepSymbols` (so `C++` and `C#` survive); everything else separates words.
  static func words(_ text: String, keepSymbols: Bool) -> [String] {
    var words: [String] = []
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var current: [UInt8] = []
      current.reserveCapacity(16)
      for byte in text.utf8 {
        let folded = byte >= 65 && byte <= 90 ? byte + 32 : byte
        let isWord =
          (folded >= 97 && folded <= 122) || (folded >= 48 && folded <= 57)
          || (keepSymbols && (folded == 43 || folded == 35))
        if isWord {
          current.append(folded)
        } else if !current.isEmpty {
          words.append(String(decoding: current, as: UTF8.self))
          current.removeAll(keepingCapacity: true)
        }
      }
      if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
      return words
    }
    var current = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber
        || (keepSymbols && (character == "+" || character == "#"))
      {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// `text` without leading and trailing whitespace; Domain's own trim, so it needs no Foundation.
  static func trimmed(_ text: String) -> String {
    var view = Substring(text)
    while let first = view.first, first.isWhitespace { view.removeFirst() }
    while let last = view.last, last.isWhitespace { view.removeLast() }
    return String(view)
  }
}
