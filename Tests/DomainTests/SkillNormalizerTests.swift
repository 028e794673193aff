import Domain
import Foundation
import Testing

@Suite("Skill normalisation")
struct SkillNormalizerTests {
  /// The normaliser over the fixture table.
  let normalizer: SkillNormalizer

  /// Loads the fixture table.
  init() throws {
    normalizer = try SkillNormalizer(synonyms: MatchFixtures.table("skill-synonyms.json"))
  }

  @Test("JS, js and JavaScript all become javascript")
  func javascript() {
    for text in ["JS", "js", " JavaScript ", "Java Script", "ECMAScript"] {
      #expect(normalizer.normalize(text) == "javascript", "\(text)")
    }
  }

  @Test("k8s and Kubernetes become kubernetes")
  func kubernetes() {
    #expect(normalizer.normalize("k8s") == "kubernetes")
    #expect(normalizer.normalize("K8S") == "kubernetes")
    #expect(normalizer.normalize("Kubernetes") == "kubernetes")
  }

  @Test("Node.js, nodejs, node js and NODE-JS are one skill")
  func nodeVariants() {
    let keys = Set(
      ["Node.js", "nodejs", "node js", "NODE-JS", "Node"].compactMap(normalizer.normalize))
    #expect(keys == ["nodejs"])
  }

  @Test("C++ and C# stay distinct from C and from each other")
  func cFamily() {
    let c = normalizer.normalize("C")
    let cpp = normalizer.normalize("C++")
    let csharp = normalizer.normalize("C#")
    #expect(c == "c")
    #expect(cpp == "c++")
    #expect(csharp == "c#")
    #expect(normalizer.normalize("cpp") == cpp)
    #expect(normalizer.normalize("C Sharp") == csharp)
  }

  @Test("a skill with no letters or digits normalises to nothing")
  func empty() {
    #expect(normalizer.normalize(" - ") == nil)
    #expect(normalizer.normalize("") == nil)
  }

  @Test("an unknown skill is folded but kept")
  func unknownSkill() {
    #expect(normalizer.normalize("Apache Kafka") == "apachekafka")
  }

  @Test("non-ASCII text folds like ASCII text: case, punctuation and spaces")
  func unicode() {
    #expect(SkillNormalizer.key("Ré-Act Native") == "réactnative")
    #expect(SkillNormalizer.key("ÄPFEL.js") == "äpfeljs")
    #expect(FeatureBuilder.locationKey(" Köln -  Innenstadt ") == "köln innenstadt")
    #expect(FeatureBuilder.locationKey("'s-Gravenhage") == "s gravenhage")
  }

  @Test("malformed tables and ambiguous terms are refused with a typed error")
  func badTables() {
    #expect(throws: SynonymTableError.malformed) { try SynonymTable(json: Data("[]".utf8)) }
    #expect(throws: SynonymTableError.unsupportedVersion(2)) {
      try SynonymTable(json: Data(#"{"version": 2, "synonyms": {}}"#.utf8))
    }
    #expect(throws: SynonymTableError.duplicateTerm("js")) {
      try SynonymTable(
        json: Data(#"{"version": 1, "synonyms": {"javascript": ["js"], "jscript": ["JS"]}}"#.utf8))
    }
    #expect(throws: SynonymTableError.emptyTerm(canonical: "go")) {
      try SynonymTable(synonyms: ["go": [" "]])
    }
    // Distinct as written, the same after folding, and meaning two different things: ambiguous.
    #expect(throws: SynonymTableError.duplicateTerm("nodejs")) {
      try SkillNormalizer(
        synonyms: SynonymTable(synonyms: ["nodejs": [], "node runtime": ["node.js"]]))
    }
  }
}
