import Foundation
import Storage
import TestSupport
import Testing

@Suite("the main job: talentwatch demo --once")
struct DemoEndToEndTests {
  @Test("the demo plays the week against the sandbox and its summary states the key facts")
  func demoSummary() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-demo-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "talentwatch")
    process.arguments = [
      "demo", "--once", "--directory", directory.path,
      "--fixtures", ProductBinary.packageRoot.appendingPathComponent("fixtures").path,
    ]
    process.currentDirectoryURL = ProductBinary.packageRoot
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
    process.waitUntilExit()
    let summary = String(decoding: data, as: UTF8.self)
    #expect(process.terminationStatus == 0, "demo output: \(summary)")

    // Deliveries: a duplicate, a forged one refused, an unreadable one quarantined.
    #expect(summary.contains("duplicate  the provider retries a delivery"))
    #expect(summary.contains("refused    signed with the wrong secret"))
    #expect(summary.contains("quarantined #"))
    // Changes found by refreshes, with before and after.
    #expect(summary.contains("Maya Okafor: job_changed"))
    #expect(summary.contains("→ Senior Backend Engineer at Mollie"))
    // Refresh reasons, including a stale signal that paid for nothing.
    #expect(summary.contains("is newer than the record"))
    // Credits against a blind re-pull.
    #expect(summary.contains("a blind 30-day re-pull"))
    // Scores moved with their breakdown, and notifications verified by the receiver.
    #expect(summary.contains("required_skills"))
    #expect(summary.contains("candidate.job_changed: Maya Okafor"))
    #expect(summary.contains("match.score_changed"))
    // Retention.
    #expect(summary.contains("purged on"))

    // The audit trail holds the human confirmations, the refreshes and the scores, and its chain verifies.
    let database = try Database(
      path: directory.appendingPathComponent("talentwatch.db").path, readerCount: 1, readOnly: true)
    defer { database.close() }
    let actions = try await database.read { connection in
      Set(try connection.query("SELECT DISTINCT action FROM audit_log").compactMap { $0.text(0) })
    }
    #expect(
      actions.isSuperset(of: [
        "candidate.confirmed", "candidate.refreshed", "score.written", "notification.sent",
      ]))
    let verification = try await database.read { try AuditLogStore.verify(in: $0) }
    #expect(verification.isIntact, "\(verification)")
  }
}
