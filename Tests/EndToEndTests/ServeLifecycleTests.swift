import Foundation
import HTTPClient
import Storage
import TestSupport
import Testing

@Suite("serve as a child process")
struct ServeLifecycleTests {
  @Test("serve answers healthz and readyz, takes a delivery, and exits 0 on SIGTERM")
  func startServeStop() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try sandbox.start()
    defer { server.stop() }
    let client = HTTPClient()
    defer { client.shutdown() }

    let health = try await client.send(HTTPClientRequest(url: server.baseURL + "/healthz"))
    #expect(health.status == 200)
    let ready = try await client.send(HTTPClientRequest(url: server.baseURL + "/readyz"))
    #expect(ready.status == 200)
    #expect(try await postDelivery(client, to: server, id: "msg_lifecycle") == 202)

    server.send(SIGTERM)
    #expect(server.waitForExit() == 0)
    let log = server.log
    #expect(log.contains("\"message\":\"stopped\""), "log: \(log)")
    #expect(!log.contains(ServeSandbox.secret), "a secret reached the log")
    for line in log.split(separator: "\n") {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
    }
  }
}
