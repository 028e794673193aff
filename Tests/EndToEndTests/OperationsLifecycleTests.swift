import Foundation
import HTTPClient
import Storage
import Synchronization
import TestSupport
import Testing

@Suite("operations: graceful shutdown under load and secret rotation on SIGHUP")
struct OperationsLifecycleTests {
  @Test("SIGTERM in the middle of a burst: every 2xx'd delivery is stored and the process exits 0")
  func sigtermMidBurst() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try await offPool { try sandbox.start() }
    defer { server.stop() }
    let client = HTTPClient(maximumConcurrentRequests: 16)
    defer { client.shutdown() }

    let tally = SenderTally()
    await withTaskGroup(of: Void.self) { group in
      for sender in 0..<16 {
        group.addTask {
          for sequence in 0..<10_000 {
            let id = "msg_term_\(sender)_\(sequence)"
            // After the signal, new connections are refused and late requests get 503: stop then.
            guard
              let status = try? await Operations.post(client, baseURL: server.baseURL, id: id),
              status != 503
            else { return }
            if status == 202 || status == 200 { tally.acknowledged.withLock { $0.append(id) } }
            tally.answered.add(1, ordering: .relaxed)
          }
        }
      }
      group.addTask {
        while tally.answered.load(ordering: .relaxed) < 300 {
          try? await Task.sleep(for: .milliseconds(5))
        }
        server.send(SIGTERM)
      }
    }
    #expect(try await offPool { server.waitForExit() } == 0)
    let acked = tally.acknowledged.withLock { $0 }
    #expect(acked.count >= 300)
    let database = try Database(path: sandbox.databasePath, readerCount: 1, readOnly: true)
    defer { database.close() }
    let stored = Set(
      try await database.read { connection in
        try connection.query("SELECT delivery_id FROM inbox").map { $0.text(0) ?? "" }
      })
    let missing = acked.filter { !stored.contains($0) }
    #expect(missing.isEmpty, "acknowledged but not stored: \(missing.prefix(5))")
    #expect(server.log.contains("\"message\":\"stopped\""))
  }

  @Test("SIGHUP rotates a source's secrets: old accepted before, new after, no connection refused")
  func sighupRotation() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try await offPool { try sandbox.start() }
    defer { server.stop() }
    let client = HTTPClient(maximumConcurrentRequests: 8)
    defer { client.shutdown() }
    let base = server.baseURL
    let old = ServeSandbox.secret
    let new = Operations.rotatedSecret

    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_1", secret: old) == 202)
    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_2", secret: new) == 401)

    // Traffic keeps flowing through both reloads; any transport error would be a dropped connection.
    let tally = SenderTally()
    let background = Task {
      await withTaskGroup(of: Void.self) { group in
        for _ in 0..<4 {
          group.addTask {
            while tally.running.load(ordering: .relaxed) {
              do {
                _ = try await Operations.get(client, base + "/healthz")
                tally.answered.add(1, ordering: .relaxed)
              } catch {
                tally.transportErrors.add(1, ordering: .relaxed)
              }
            }
          }
        }
      }
    }

    // Step 1: add the new secret next to the old one.
    try rewrite(sandbox, secrets: [new, old])
    server.send(SIGHUP)
    try await waitForReloads(1, client: client, base: base)
    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_3", secret: old) == 202)
    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_4", secret: new) == 202)

    // Step 2: remove the old secret.
    try rewrite(sandbox, secrets: [new])
    server.send(SIGHUP)
    try await waitForReloads(2, client: client, base: base)
    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_5", secret: old) == 401)
    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_6", secret: new) == 202)

    // A broken file is refused and the running secrets stay.
    try "{not json".write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
    server.send(SIGHUP)
    try await waitForReloads(1, outcome: "failed", client: client, base: base)
    #expect(try await Operations.post(client, baseURL: base, id: "msg_rot_7", secret: new) == 202)

    tally.running.store(false, ordering: .relaxed)
    await background.value
    #expect(tally.transportErrors.load(ordering: .relaxed) == 0)
    #expect(tally.answered.load(ordering: .relaxed) > 0)
    server.send(SIGTERM)
    #expect(try await offPool { server.waitForExit() } == 0)
    #expect(!server.log.contains(new) && !server.log.contains(old), "a secret reached the log")
  }

  /// Rewrites the sandbox's configuration with `secrets` for the partner source.
  private func rewrite(_ sandbox: ServeSandbox, secrets: [String]) throws {
    let list = secrets.map { "\"\($0)\"" }.joined(separator: ", ")
    let config = """
      {"listen": "127.0.0.1:0", "database": "\(sandbox.databasePath)", "log_level": "info",
       "pepper": "an-end-to-end-test-pepper",
       "sources": [{"name": "partner", "scheme": "standard-webhooks", "format": "canonical",
                    "secrets": [\(list)]}]}
      """
    try config.write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
  }

  /// Polls `/metrics` until `count` reloads with `outcome` are counted (the reload runs asynchronously).
  private func waitForReloads(
    _ count: Double, outcome: String = "succeeded", client: HTTPClient, base: String
  ) async throws {
    let series = "talentwatch_config_reloads_total{outcome=\"\(outcome)\"}"
    for _ in 0..<500 {
      let text = try await Operations.get(client, base + "/metrics").text
      if let value = Operations.sample(series, in: text), value >= count { return }
      try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("the reload was not counted within 5 s")
  }
}
