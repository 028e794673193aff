import Foundation
import HTTPClient
import Storage
import Synchronization
import TestSupport
import Testing

@Suite("crash safety of the inbox")
struct CrashRecoveryTests {
  @Test("serve killed with SIGKILL mid-burst keeps every delivery it answered 2xx, exactly once")
  func killMidBurst() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    let client = HTTPClient(maximumConcurrentRequests: 16)
    defer { client.shutdown() }

    let tally = Tally()
    // 16 senders post unique deliveries until the server dies under them.
    await withTaskGroup(of: Void.self) { group in
      for sender in 0..<16 {
        group.addTask {
          for sequence in 0..<10_000 {
            let id = "msg_crash_\(sender)_\(sequence)"
            guard let status = try? await postDelivery(client, to: server, id: id) else { return }
            if status == 202 || status == 200 {
              tally.acknowledged.withLock { $0.append(id) }
            }
            tally.answered.withLock { $0 += 1 }
          }
        }
      }
      group.addTask {
        // Kill once a good number of deliveries were answered, while the senders are still going.
        while tally.answered.withLock({ $0 }) < 400 { try? await Task.sleep(for: .milliseconds(5)) }
        server.send(SIGKILL)
      }
    }
    #expect(server.waitForExit() == SIGKILL)
    let acked = tally.acknowledged.withLock { $0 }
    #expect(acked.count >= 400)

    // Restart on the same database: it recovers, and every acknowledged delivery is there once.
    let restarted = try sandbox.start()
    defer { restarted.stop() }
    let database = try Database(path: sandbox.databasePath, readerCount: 1, readOnly: true)
    defer { database.close() }
    let stored = try await database.read { connection in
      try connection.query("SELECT delivery_id, count(*) FROM inbox GROUP BY delivery_id").map {
        ($0.text(0) ?? "", $0.int(1) ?? 0)
      }
    }
    let counts = Dictionary(stored, uniquingKeysWith: +)
    let missing = acked.filter { counts[$0] == nil }
    #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
    #expect(counts.values.allSatisfy { $0 == 1 })
    // The restarted server knows them: a sender's retry is a duplicate, not a second delivery.
    #expect(try await postDelivery(client, to: restarted, id: acked[0]) == 200)
    restarted.send(SIGTERM)
    #expect(restarted.waitForExit() == 0)
  }
}

/// What the senders saw, shared between their tasks.
private final class Tally: Sendable {
  let acknowledged = Mutex<[String]>([])
  let answered = Mutex(0)
}
