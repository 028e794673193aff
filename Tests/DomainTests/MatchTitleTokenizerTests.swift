import Domain
import Testing

@Suite("Title tokenizer")
struct TitleTokenizerTests {
  /// The tokenizer over the fixture table.
  let tokenizer: TitleTokenizer

  /// Loads the fixture table.
  init() throws {
    tokenizer = try TitleTokenizer(synonyms: MatchFixtures.table("title-synonyms.json"))
  }

  @Test("abbreviations expand: Sr. Software Eng. reads senior software engineer")
  func abbreviations() {
    #expect(tokenizer.tokens("Sr. Software Eng.") == ["senior", "software", "engineer"])
    #expect(tokenizer.tokens("Jr Dev") == ["junior", "developer"])
  }

  @Test("an acronym expands to several words")
  func acronym() {
    #expect(tokenizer.tokens("Senior SWE") == ["senior", "software", "engineer"])
    #expect(tokenizer.tokens("SRE") == ["site", "reliability", "engineer"])
  }

  @Test("a hyphenated phrase alias is matched across the split")
  func phrase() {
    #expect(tokenizer.tokens("Front-End Developer") == ["frontend", "developer"])
    #expect(tokenizer.tokens("Frontend developer") == ["frontend", "developer"])
  }

  @Test("stop words and punctuation are dropped, case is folded")
  func stopWords() {
    #expect(
      tokenizer.tokens("Head of Engineering & Operations") == ["head", "engineering", "operations"])
    #expect(tokenizer.tokens("  VP, Engineering  ") == ["vp", "engineering"])
    #expect(tokenizer.tokens("Software Engineer II") == ["software", "engineer"])
  }

  @Test("C++ and C# survive as words in a title")
  func symbols() {
    #expect(tokenizer.tokens("C++ Developer") == ["c++", "developer"])
    #expect(tokenizer.tokens("C# Engineer") == ["c#", "engineer"])
  }

  @Test("a title of nothing but punctuation has no tokens")
  func empty() {
    #expect(tokenizer.tokens(" / - ").isEmpty)
  }
}
