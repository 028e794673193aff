import Domain
import Foundation
import Logging
import TestSupport
import Testing

@testable import App

@Suite("the published contract: webhooks/openapi.json")
struct OpenAPIContractTests {
  /// The document, parsed.
  static func document() throws -> [String: Any] {
    let url = ProductBinary.packageRoot.appendingPathComponent("webhooks/openapi.json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return object as? [String: Any] ?? [:]
  }

  /// "METHOD /path" of every operation, split into served ones and those marked planned.
  static func operations(_ document: [String: Any]) -> (served: Set<String>, planned: Set<String>) {
    var served = Set<String>()
    var planned = Set<String>()
    let methods = ["get", "put", "post", "delete", "patch", "head", "options"]
    for case (let path, let item as [String: Any]) in document["paths"] as? [String: Any] ?? [:] {
      for method in methods {
        guard let operation = item[method] as? [String: Any] else { continue }
        let key = "\(method.uppercased()) \(path)"
        if operation["x-talentwatch-status"] as? String == "planned" {
          planned.insert(key)
        } else {
          served.insert(key)
        }
      }
    }
    return (served, planned)
  }

  @Test("the routes the live router serves are exactly the operations the document lists as served")
  func routesMatchDocument() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-openapi-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let configuration = Configuration(
      listen: Configuration.ListenAddress(parsing: "127.0.0.1:0") ?? Configuration.defaultListen,
      database: directory.appendingPathComponent("contract.db").path)
    let service = try await TalentwatchService.start(
      configuration: configuration, clock: SystemClock(),
      logger: Logger(label: "test", level: .error, sink: Logger.MemorySink()))
    let live = Set(service.routes.map { "\($0.method) \($0.pattern)" })
    await service.stop(timeout: .seconds(5))

    let (served, planned) = Self.operations(try Self.document())
    #expect(
      live.subtracting(served).isEmpty,
      "served but not documented: \(live.subtracting(served).sorted())")
    #expect(
      served.subtracting(live).isEmpty,
      "documented as served but not served: \(served.subtracting(live).sorted())")
    // When a planned route lands, drop its `x-talentwatch-status: planned` marker in the document.
    #expect(
      live.intersection(planned).isEmpty,
      "served but still marked planned: \(live.intersection(planned).sorted())")
  }

  @Test("the document is OpenAPI 3.1 with the outbound recruiter events under webhooks")
  func shape() throws {
    let document = try Self.document()
    #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
    let webhooks = document["webhooks"] as? [String: Any] ?? [:]
    #expect(
      Set(webhooks.keys) == [
        "candidate.job_changed", "candidate.open_to_work", "candidate.profile_changed",
        "match.score_changed", "refresh.failed",
      ])
    let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
    for name in webhooks.keys { #expect(schemas[name] != nil, "no schema for \(name)") }
  }

  /// Validates every canonical fixture against the schema of its type and the outbound examples against
  /// theirs, with Python's jsonschema (draft 2020-12, $refs resolved across webhooks/schemas/).
  static let validator = """
    import json, os, sys, glob
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    root = sys.argv[1]
    schemas = {}
    registry = Registry()
    for path in glob.glob(os.path.join(root, "webhooks/schemas/*.json")):
        schema = json.load(open(path))
        schemas[os.path.basename(path)[:-5]] = schema
        resource = Resource.from_contents(schema)
        registry = registry.with_resource(schema["$id"], resource)
    checked, failures = 0, []
    for meta_path in sorted(glob.glob(os.path.join(root, "fixtures/webhooks/canonical/*.meta.json"))):
        meta = json.load(open(meta_path))
        body = json.load(open(meta_path[:-len(".meta.json")] + ".body"))
        if "error" in meta["expected"]:
            continue
        kind = body.get("type")
        schema = schemas.get(kind, schemas["envelope"])
        errors = list(Draft202012Validator(schema, registry=registry).iter_errors(body))
        checked += 1
        if errors:
            failures.append(os.path.basename(meta_path) + ": " + errors[0].message)
    doc = json.load(open(os.path.join(root, "webhooks/openapi.json")))
    Draft202012Validator.check_schema(doc["components"]["schemas"]["match.score_changed"])
    print(json.dumps({"checked": checked, "failures": failures}))
    """

  @Test("every canonical fixture validates against the JSON Schema of its event type")
  func fixturesValidate() async throws {
    let python = ProductBinary.packageRoot.appendingPathComponent(".venv/bin/python3")
    // The child runs on its own thread so the cooperative pool stays free for other tests.
    let (status, data, stderr) = try await withCheckedThrowingContinuation {
      (continuation: CheckedContinuation<(Int32, Data, String), any Error>) in
      Thread {
        continuation.resume(
          with: Result {
            let process = Process()
            process.executableURL = python
            process.arguments = ["-c", Self.validator, ProductBinary.packageRoot.path]
            let output = Pipe()
            let error = Pipe()
            process.standardOutput = output
            process.standardError = error
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            let stderr = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, data, String(decoding: stderr, as: UTF8.self))
          })
      }.start()
    }
    #expect(status == 0, "validator failed (run `make venv`): \(stderr)")
    let result = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    #expect((result["checked"] as? Int ?? 0) >= 5)
    #expect((result["failures"] as? [String] ?? ["no result"]).isEmpty, "\(result)")
  }

  @Test("deploy/talentwatch.example.json loads and sets every top-level key")
  func exampleConfiguration() throws {
    let path = ProductBinary.packageRoot.appendingPathComponent("deploy/talentwatch.example.json")
    let data = try Data(contentsOf: path)
    let environment = [
      "TALENTWATCH_PEPPER": "an-example-pepper-long-enough",
      "CRUSTDATA_API_KEY": "example-api-key",
      "PARTNER_WEBHOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "RELAY_WEBHOOK_SECRET": "example-relay-secret",
      "ANNA_HOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "SMTP_PASSWORD": "example-smtp-password",
    ]
    let configuration = try Configuration.parse(data, environment: environment)
    #expect(configuration.tls?.certificate == "/etc/talentwatch/tls/server.crt")
    #expect(configuration.sources.count == 3)
    #expect(configuration.provider != nil)
    #expect(configuration.users.count == 3)
    let keys = Set(
      (try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]).keys)
    #expect(keys == Set(Configuration.Key.allCases.map(\.rawValue)), "example misses a key")
  }
}
