public import Domain
import Foundation

/// The three synonym tables the matcher normalises with, read from `matching.synonyms_dir`
/// (`skill-synonyms.json`, `title-synonyms.json`, `location-synonyms.json`).
public struct MatchingSynonyms: Sendable, Hashable {
  /// Skill aliases (`js` → `javascript`).
  public var skills: SynonymTable
  /// Title aliases and stop words.
  public var titles: SynonymTable
  /// Location aliases.
  public var locations: SynonymTable

  /// Creates the tables from values.
  public init(skills: SynonymTable, titles: SynonymTable, locations: SynonymTable = .empty) {
    self.skills = skills
    self.titles = titles
    self.locations = locations
  }

  /// Reads the tables from `directory`; a missing location table is empty.
  public init(directory: String) throws {
    let base = URL(fileURLWithPath: directory)
    func table(_ name: String, optional: Bool) throws -> SynonymTable {
      let url = base.appendingPathComponent(name)
      if optional && !FileManager.default.fileExists(atPath: url.path) { return .empty }
      do {
        return try SynonymTable(json: Data(contentsOf: url))
      } catch {
        throw MatchingSynonymsError(file: name, reason: String(describing: error))
      }
    }
    self.init(
      skills: try table("skill-synonyms.json", optional: false),
      titles: try table("title-synonyms.json", optional: false),
      locations: try table("location-synonyms.json", optional: true))
  }

  /// A feature builder over these tables.
  public func builder() throws -> FeatureBuilder {
    try FeatureBuilder(skillSynonyms: skills, titleSynonyms: titles, locationSynonyms: locations)
  }
}
