import Foundation
import Testing

/// The canonical fixtures carry every field the JSON Schemas in `webhooks/schemas/` mark required.
///
/// A deliberately tiny structural check (`required`, `properties`, `allOf`, `anyOf`, `$ref` to a file or a
/// `$defs` entry), not a validator: it keeps the schemas, the fixtures and the adapter from drifting apart.
@Suite("Adapter schemas")
struct AdapterSchemaTests {
  /// `webhooks/schemas/` in the repository.
  static let schemaDirectory = AdapterFixture.repositoryRoot.appendingPathComponent(
    "webhooks/schemas")

  /// The canonical event types the adapter turns into signals, each with a schema file of the same name.
  static let eventTypes = [
    "person.job_changed", "person.open_to_work", "person.profile_changed", "person.changed",
  ]

  @Test("every canonical event type has a JSON Schema 2020-12 built on the shared envelope")
  func everyEventTypeHasASchema() throws {
    for type in Self.eventTypes + ["envelope"] {
      let schema = try Self.loadSchema(type + ".json")
      #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
      #expect((schema["$id"] as? String)?.hasSuffix("/\(type).json") == true)
    }
    for type in Self.eventTypes {
      let schema = try Self.loadSchema(type + ".json")
      let allOf = schema["allOf"] as? [[String: Any]]
      #expect(allOf?.first?["$ref"] as? String == "envelope.json")
      let typeSchema = (schema["properties"] as? [String: Any])?["type"] as? [String: Any]
      #expect(typeSchema?["const"] as? String == type)
    }
  }

  @Test(
    "each canonical fixture has the fields its schema marks required",
    arguments: AdapterFixture.named(format: "canonical"))
  func canonicalFixtureHasRequiredFields(_ fixture: AdapterFixture) throws {
    let meta = try fixture.meta()
    let instance = try #require(
      try JSONSerialization.jsonObject(with: Data(fixture.body())) as? [String: Any])
    let type = try #require(instance["type"] as? String)
    if Self.eventTypes.contains(type) {
      #expect(meta.expected.signals?.count == 1, "an event of a known type yields one signal")
      #expect(try Self.missingRequired(in: instance, schemaFile: type + ".json") == [])
    } else {
      #expect(
        meta.expected.isTest == true || meta.expected.error != nil,
        "test deliveries and unknown types only")
      #expect(try Self.missingRequired(in: instance, schemaFile: "envelope.json") == [])
    }
  }

  @Test(
    "the structural check notices a missing required field and a person without id or profile_url")
  func checkerNoticesMissingFields() throws {
    let fixture = try #require(
      AdapterFixture.named(format: "canonical").first { $0.name.hasSuffix("/open-to-work") })
    var instance = try #require(
      try JSONSerialization.jsonObject(with: Data(fixture.body())) as? [String: Any])
    var data = try #require(instance["data"] as? [String: Any])
    data["open"] = nil
    data["person"] = ["provider": "crustdata"]
    instance["data"] = data
    instance["timestamp"] = nil
    let missing = try Self.missingRequired(in: instance, schemaFile: "person.open_to_work.json")
    #expect(missing.sorted() == ["data.open", "data.person: none of anyOf", "timestamp"])
  }

  // MARK: The tiny checker

  /// Reads one schema file as a dictionary.
  static func loadSchema(_ file: String) throws -> [String: Any] {
    let data = try Data(contentsOf: schemaDirectory.appendingPathComponent(file))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The required members an instance lacks under a schema file.
  static func missingRequired(in instance: Any, schemaFile: String) throws -> [String] {
    try missingRequired(in: instance, schema: loadSchema(schemaFile), file: schemaFile, path: "")
  }

  /// The dotted paths of required members the instance lacks (a `null` counts as missing).
  static func missingRequired(in instance: Any, schema: [String: Any], file: String, path: String)
    throws -> [String]
  {
    var missing: [String] = []
    if let reference = schema["$ref"] as? String {
      let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
      let target = parts[0].isEmpty ? file : String(parts[0])
      var resolved = try loadSchema(target)
      for token in (parts.count > 1 ? parts[1] : "").split(separator: "/") {
        resolved = try #require(resolved[String(token)] as? [String: Any], "resolving \(reference)")
      }
      missing += try missingRequired(in: instance, schema: resolved, file: target, path: path)
    }
    for branch in schema["allOf"] as? [[String: Any]] ?? [] {
      missing += try missingRequired(in: instance, schema: branch, file: file, path: path)
    }
    if let branches = schema["anyOf"] as? [[String: Any]] {
      let satisfied = try branches.contains {
        try missingRequired(in: instance, schema: $0, file: file, path: path).isEmpty
      }
      if !satisfied { missing.append("\(path.isEmpty ? "top level" : path): none of anyOf") }
    }
    guard let object = instance as? [String: Any] else { return missing }
    let prefix = path.isEmpty ? "" : path + "."
    for key in schema["required"] as? [String] ?? []
    where object[key] == nil || object[key] is NSNull {
      missing.append(prefix + key)
    }
    for (key, subschema) in schema["properties"] as? [String: Any] ?? [:] {
      guard let value = object[key], !(value is NSNull), let subschema = subschema as? [String: Any]
      else { continue }
      missing += try missingRequired(in: value, schema: subschema, file: file, path: prefix + key)
    }
    return missing
  }
}
