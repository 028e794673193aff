/// Turns a skill as a provider or recruiter wrote it into one canonical key, so `JS`, `js` and `JavaScript`
/// meet: lowercase, trim, drop spaces and punctuation (`Node.js`, `nodejs`, `node js` → `nodejs`) but keep
/// `+` and `#` (so `C++` and `C#` stay apart from `C`), then apply the synonym table (`k8s` → `kubernetes`).
public struct SkillNormalizer: Sendable {
  private let aliases: [String: String]

  /// Creates a normaliser over a skill synonym table; fails when two canonicals collide after folding.
  public init(synonyms: SynonymTable) throws(SynonymTableError) {
    aliases = try synonyms.aliasMap(key: Self.key)
  }

  /// The canonical key of `skill`, or nil when nothing is left after folding (`" - "`).
  public func normalize(_ skill: String) -> String? {
    let key = Self.key(skill)
    guard !key.isEmpty else { return nil }
    return aliases[key] ?? key
  }

  /// The folded form without synonyms: lowercase letters and digits, `+` and `#`; everything else dropped.
  public static func key(_ text: String) -> String {
    FeatureText.words(text, keepSymbols: true).joined()
  }
}
