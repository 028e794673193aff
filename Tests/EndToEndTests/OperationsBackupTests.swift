import Foundation
import HTTPClient
import Storage
import Synchronization
import TestSupport
import Testing

@Suite("operations: online backup")
struct OperationsBackupTests {
  @Test(
    "backup --to while ingesting: the copy passes integrity_check and holds what was acknowledged")
  func backupWhileIngesting() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try await offPool { try sandbox.start() }
    defer { server.stop() }
    let client = HTTPClient(maximumConcurrentRequests: 8)
    defer { client.shutdown() }
    let copy = sandbox.directory.appendingPathComponent("backup/copy.db").path
    try FileManager.default.createDirectory(
      atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)

    let tally = SenderTally()
    let senders = Task {
      await withTaskGroup(of: Void.self) { group in
        for sender in 0..<8 {
          group.addTask {
            var sequence = 0
            while tally.running.load(ordering: .relaxed) {
              let id = "msg_backup_\(sender)_\(sequence)"
              sequence += 1
              if let status = try? await Operations.post(client, baseURL: server.baseURL, id: id),
                status == 202
              {
                tally.acknowledged.withLock { $0.append(id) }
              }
            }
          }
        }
      }
    }
    while tally.acknowledged.withLock({ $0.count }) < 200 {
      try await Task.sleep(for: .milliseconds(5))
    }
    let ackedBefore = tally.acknowledged.withLock { $0 }
    let result = try await Operations.run(
      try ProductBinary.url(named: "talentwatch"),
      ["backup", "--config", sandbox.configPath, "--to", copy], directory: sandbox.directory)
    let ackedAfterBackup = tally.acknowledged.withLock { $0.count }
    tally.running.store(false, ordering: .relaxed)
    await senders.value
    #expect(result.status == 0, "backup failed: \(result.error)")
    #expect(result.output.contains("integrity ok"))
    #expect(tally.acknowledged.withLock { $0.count } > ackedBefore.count, "ingest stalled")
    #expect(ackedAfterBackup >= ackedBefore.count)

    // The copy opens on its own, passes the integrity check and holds every delivery acknowledged before.
    try Backup.verify(copy)
    let database = try Database(path: copy, readerCount: 1, readOnly: true)
    defer { database.close() }
    let stored = Set(
      try await database.read { connection in
        try connection.query("SELECT delivery_id FROM inbox").map { $0.text(0) ?? "" }
      })
    #expect(ackedBefore.allSatisfy { stored.contains($0) })
    let integrity = try await database.read { try $0.queryOne("PRAGMA integrity_check")?.text(0) }
    #expect(integrity == "ok")

    // Restoring is serving from the copy: it starts, is ready, and knows the copied deliveries.
    server.send(SIGTERM)
    #expect(try await offPool { server.waitForExit() } == 0)
    let restored = try await offPool {
      try ServeProcess(
        configPath: sandbox.configPath, directory: sandbox.directory,
        extraArguments: ["--db", copy])
    }
    defer { restored.stop() }
    #expect(try await Operations.get(client, restored.baseURL + "/readyz").status == 200)
    #expect(try await Operations.post(client, baseURL: restored.baseURL, id: ackedBefore[0]) == 200)
    restored.send(SIGTERM)
    #expect(try await offPool { restored.waitForExit() } == 0)
  }

  @Test("backup without --to is a usage error")
  func usage() async throws {
    let result = try await Operations.run(try ProductBinary.url(named: "talentwatch"), ["backup"])
    #expect(result.status == 2)
    #expect(result.error.contains("--to"))
  }
}
