import Foundation

/// Reads the people the sandbox serves from a folder of `*.json` files, one `person_data` per file.
enum ProfileLoader {
  /// A profile file that cannot be served.
  struct Failure: Error, CustomStringConvertible {
    /// Which file (its name only) and why.
    let description: String
  }

  /// Every person in `directory`, in file-name order; a file that is not a usable profile, or two files
  /// for the same id or URL, is an error (the fixtures must be right).
  static func load(directory: String) throws -> [SandboxPerson] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".json") }.sorted()
    var people: [SandboxPerson] = []
    var seenKeys: Set<String> = []
    var seenURLs: Set<String> = []
    for name in names {
      let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
      guard let document = JSONValue.parse(Array(data)), document.objectValue != nil,
        let person = SandboxPerson(document: document)
      else { throw Failure(description: "\(name): not a profile with a LinkedIn profile_url") }
      guard seenKeys.insert(person.key).inserted, seenURLs.insert(person.canonicalURL).inserted
      else {
        throw Failure(description: "\(name): a second profile for the same person")
      }
      people.append(person)
    }
    return people
  }
}
