import Foundation
import Storage
import Synchronization
import Testing

@testable import App

/// `replay --from-inbox` takes the source's configured format for quarantined deliveries only.
@Suite("replay --from-inbox and formats")
struct ReplayFromInboxFormatTests {
  @Test("a processed delivery keeps the adapter that read it; a quarantined one takes the source's")
  func formatCorrectionOnlyForQuarantined() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path + "/t.db"
    let configuration = try parseConfiguration(
      """
      {"database": "\(path)", "pepper": "a-replay-test-pepper-123",
       "sources": [{"name": "crustdata", "scheme": "crustdata", "format": "crustdata-watch",
                    "secrets": ["cd_key_0123456789"]}]}
      """)
    let legacy = try Data(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent(
          "../../fixtures/webhooks/crustdata-legacy-watcher/new-position.body"
        )
        .standardizedFileURL)
    let database = try await ComplianceContext.openDatabase(configuration)
    try await database.write { connection in
      for (id, status) in [(1, "processed"), (2, "quarantined")] {
        try connection.run(
          """
          INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body,
            body_size, status) VALUES (?, 'crustdata', ?, 'crustdata', 'crustdata-legacy-watcher', 0,
            '{}', ?, ?, ?)
          """,
          [
            .integer(Int64(id)), .text("d\(id)"), .blob(Array(legacy)),
            .integer(Int64(legacy.count)), .text(status),
          ])
      }
    }
    database.close()
    let lines = LinesBox()
    _ = try await ReplayFromInbox.run(
      selection: try ReplayInboxSelection(status: nil, source: nil, since: nil, ids: ["1", "2"]),
      configuration: configuration,
      output: CLIOutput(standardOutput: { lines.append($0) }, standardError: { _ in }))
    let printed = lines.all
    let reopened = try Database(path: path, readerCount: 1)
    defer { reopened.close() }
    let formats = try await reopened.read { connection in
      try connection.query("SELECT id, format, status FROM inbox ORDER BY id").map {
        ($0.int(0) ?? 0, $0.text(1) ?? "", $0.text(2) ?? "")
      }
    }
    #expect(formats[0].1 == "crustdata-legacy-watcher")
    #expect(
      formats[0].2 != "quarantined", "the processed legacy delivery was read by another adapter")
    #expect(formats[1].1 == "crustdata-watch")
    #expect(
      printed.filter { $0.contains("format crustdata-legacy-watcher → crustdata-watch") }.count == 1
    )
  }
}

/// Collects printed lines from the command's output closure.
private final class LinesBox: Sendable {
  private let lines = Mutex<[String]>([])
  func append(_ line: String) { lines.withLock { $0.append(line) } }
  var all: [String] { lines.withLock { $0 } }
}
