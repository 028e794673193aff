import Domain
import Foundation
import Ingest
import Logging
import Signing
import Storage

/// A fresh database file in its own temporary directory, migrated; removed by `cleanUp()`.
struct TemporaryDatabase {
  let directory: URL
  let database: Database

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    database = try Database(path: directory.appendingPathComponent("test.db").path)
    _ = try database.writeSync { try Migrator(Schema.migrations).migrate($0) }
  }

  func cleanUp() {
    database.close()
    try? FileManager.default.removeItem(at: directory)
  }
}

/// The official Standard Webhooks test secret, reused as a source secret in these tests.
let standardSecretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

/// A source for `standard-webhooks` with the canonical format.
func canonicalSource(name: String = "partner", secrets: [String] = [standardSecretText]) throws
  -> IngestSource
{
  let keys = try secrets.map { try WebhookSecret(scheme: .standardWebhooks, text: $0) }
  return IngestSource(
    name: name, scheme: .standardWebhooks, format: "canonical",
    verifier: WebhookVerifier(scheme: .standardWebhooks, secrets: keys, toleranceSeconds: 300))
}

/// The repository's `fixtures/` folder, found from this file's path.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("fixtures")

/// A canonical `person.job_changed` body about the given Crustdata person id.
func jobChangedBody(personID: String, detectedAt: String = "2026-11-30T06:00:00Z") -> [UInt8] {
  Array(
    """
    {"type":"person.job_changed","timestamp":"\(detectedAt)","data":{"person":{"provider":"crustdata","id":"\(personID)","profile_url":"https://www.linkedin.com/in/p\(personID)"},"previous":{"company":"Acme","title":"Engineer"},"current":{"company":"Globex","title":"Senior Engineer","start_date":"2026-11-01"},"detected_at":"\(detectedAt)"}}
    """.utf8)
}

/// A logger that writes nowhere, for tests that do not look at logs.
let silentLogger = Logger(label: "test", level: .error, sink: Logger.MemorySink())
