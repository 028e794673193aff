import Foundation
import Synchronization

/// Everything the sandbox remembers: the people it serves, the credit ledger, change counters and the
/// fault sequence. All access goes through one mutex; with `--state FILE` every change is written to the
/// file (atomically) before the lock is released, so a restarted sandbox keeps its ledger and edits.
final class SandboxState: Sendable {
  /// The mutable part.
  private struct Contents {
    var people: [String: SandboxPerson]
    var keyByURL: [String: String]
    var ledger: [LedgerEntry] = []
    var changeCounters: [String: Int] = [:]
    var injector: FaultInjector
    var faults: [Fault] = []
  }

  /// What `--state FILE` holds.
  private struct Persisted: Codable {
    var ledger: [LedgerEntry]
    var people: [String: JSONValue]
    var changeCounters: [String: Int]
  }

  /// The outcome of an enrich call that was not faulted.
  enum EnrichAnswer: Sendable {
    /// The response envelope and the credits it cost.
    case answered(envelope: JSONValue, credits: Int)
    /// The batch was refused as a whole.
    case badRequest(code: String, message: String)
  }

  private let contents: Mutex<Contents>
  private let statePath: String?

  /// Loads the people from `people` and, when `statePath` names an existing file, the saved state.
  init(people: [SandboxPerson], injector: FaultInjector, statePath: String?) throws {
    var contents = Contents(people: [:], keyByURL: [:], injector: injector)
    for person in people {
      contents.people[person.key] = person
      contents.keyByURL[person.canonicalURL] = person.key
    }
    if let statePath, FileManager.default.fileExists(atPath: statePath) {
      let data = try Data(contentsOf: URL(fileURLWithPath: statePath))
      let saved = try JSONDecoder().decode(Persisted.self, from: data)
      contents.ledger = saved.ledger
      contents.changeCounters = saved.changeCounters
      for (key, document) in saved.people {
        if var person = contents.people[key] {
          person.document = document
          contents.people[key] = person
        }
      }
    }
    self.contents = Mutex(contents)
    self.statePath = statePath
  }

  /// Draws the fault for the next authenticated enrich call and remembers it.
  func nextFault() -> Fault {
    contents.withLock { contents in
      let fault = contents.injector.next()
      contents.faults.append(fault)
      return fault
    }
  }

  /// Every fault drawn so far, in order (`none` for calls answered normally).
  var faults: [Fault] { contents.withLock { $0.faults } }

  /// Answers one enrich batch and bills it: 1 credit per person returned plus contact extras.
  func enrich(urls: [String], sections: Set<String>, now: Date) -> EnrichAnswer {
    var keys: [String?] = []
    for url in urls {
      guard SandboxPerson.slug(of: url) != nil, let canonical = Self.canonical(url) else {
        return .badRequest(
          code: "invalid_profile_url",
          message: "professional_network_profile_urls contains a malformed profile URL.")
      }
      keys.append(canonical)
    }
    return contents.withLock { contents in
      var results: [JSONValue] = []
      var credits = 0
      var billed: [String] = []
      for (url, canonical) in zip(urls, keys) {
        var matches: [JSONValue] = []
        if let canonical, let key = contents.keyByURL[canonical], let person = contents.people[key]
        {
          matches.append(
            .object([
              "confidence_score": .integer(1), "person_data": person.personData(sections: sections),
            ]))
          credits += person.credits(sections: sections)
          billed.append(person.profileURL)
        }
        results.append(
          .object([
            "matched_on": .string(url), "match_type": "professional_network_profile_url",
            "matches": .array(matches),
          ]))
      }
      if credits > 0 {
        contents.ledger.append(
          LedgerEntry(
            at: now.formatted(.iso8601),
            operation: sections.contains("contact") ? "enrich+contact" : "enrich", credits: credits,
            profiles: billed))
        save(contents)
      }
      return .answered(envelope: .array(results), credits: credits)
    }
  }

  /// The ledger and its total.
  var ledger: (total: Int, entries: [LedgerEntry]) {
    contents.withLock { contents in
      (contents.ledger.reduce(0) { $0 + $1.credits }, contents.ledger)
    }
  }

  /// The people served, sorted by key: key, profile URL and whether they carry a provider id.
  var people: [SandboxPerson] {
    contents.withLock { contents in contents.people.values.sorted { $0.key < $1.key } }
  }

  /// The person with sandbox id `key` (a `crustdata_person_id` or a slug).
  func person(_ key: String) -> SandboxPerson? {
    contents.withLock { contents in
      contents.people[key]
        ?? Self.canonical("https://www.linkedin.com/in/\(key)")
        .flatMap { contents.keyByURL[$0] }.flatMap { contents.people[$0] }
    }
  }

  /// Applies `change` to the person `key`; returns the edited person, the watch changes and the change
  /// number (1 for the person's first change, counting across restarts with `--state`).
  func apply(_ change: ProfileChange, to key: String, now: Date) throws(ProfileChange.Failure) -> (
    person: SandboxPerson, changes: [JSONValue], number: Int
  ) {
    let outcome: Result<(SandboxPerson, [JSONValue], Int), ProfileChange.Failure> =
      contents.withLock { contents in
        guard var person = contents.people[key] else {
          return .failure(
            ProfileChange.Failure(status: 404, code: "not_found", message: "No such person."))
        }
        do throws(ProfileChange.Failure) {
          let (document, changes) = try change.apply(to: person.document, now: now)
          person.document = document
          contents.people[key] = person
          let number = (contents.changeCounters[key] ?? 0) + 1
          contents.changeCounters[key] = number
          save(contents)
          return .success((person, changes, number))
        } catch {
          return .failure(error)
        }
      }
    switch outcome {
    case .success(let (person, changes, number)): return (person, changes, number)
    case .failure(let failure): throw failure
    }
  }

  /// Writes the persistent part to `statePath` (called under the lock).
  private func save(_ contents: Contents) {
    guard let statePath else { return }
    let persisted = Persisted(
      ledger: contents.ledger, people: contents.people.mapValues(\.document),
      changeCounters: contents.changeCounters)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(persisted) else { return }
    try? data.write(to: URL(fileURLWithPath: statePath), options: .atomic)
  }

  /// The canonical form of a profile URL.
  private static func canonical(_ url: String) -> String? {
    SandboxPerson.slug(of: url).map { "https://linkedin.com/in/\($0)" }
  }
}
