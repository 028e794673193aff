import Foundation
import Storage
import Testing

@testable import App

@Suite("operations: readiness")
struct OperationsReadinessTests {
  @Test("not ready while starting, ready when serving, not ready while draining")
  func phases() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-ready-\(UUID().uuidString.prefix(8)).db").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let database = try Database(path: path, readerCount: 1)
    defer { database.close() }
    let readiness = Readiness(database: database)
    #expect(readiness.notReadyReason() == "starting")
    readiness.markStarted()
    #expect(readiness.notReadyReason() == nil)
    readiness.markDraining()
    #expect(readiness.notReadyReason() == "draining")
  }

  @Test("not ready while another process holds the write lock, ready again once it is released")
  func databaseNotWritable() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-ready-\(UUID().uuidString.prefix(8)).db").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let database = try Database(path: path, readerCount: 1, busyTimeoutMilliseconds: 20)
    defer { database.close() }
    let readiness = Readiness(database: database)
    readiness.markStarted()
    let other = try Connection(path: path)
    try other.execute("BEGIN IMMEDIATE")
    #expect(readiness.notReadyReason() == "database not writable")
    try other.execute("ROLLBACK")
    #expect(readiness.notReadyReason() == nil)
  }
}
