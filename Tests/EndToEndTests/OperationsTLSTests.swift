import Foundation
import HTTPClient
import TestSupport
import Testing

@Suite("operations: HTTPS through libmicrohttpd's TLS")
struct OperationsTLSTests {
  @Test("serve with a self-signed certificate answers a client that verifies it, and only over TLS")
  func https() async throws {
    let keys = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-tls-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: keys) }
    let (certificate, key) = try await Operations.selfSignedCertificate(in: keys)
    let sandbox = try ServeSandbox(
      extraConfiguration: #", "tls": {"certificate": "\#(certificate)", "key": "\#(key)"}"#)
    defer { sandbox.remove() }
    let server = try await offPool { try sandbox.start() }
    defer { server.stop() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let base = "https://127.0.0.1:\(server.port)"

    let health = try await Operations.get(
      client, base + "/healthz", caCertificatesPath: certificate)
    #expect(health.status == 200)
    #expect(
      try await Operations.post(
        client, baseURL: base, id: "msg_tls_1", caCertificatesPath: certificate) == 202)
    // Without the certificate as trust anchor the verifying client refuses the server.
    await #expect(throws: HTTPClientError.self) {
      _ = try await Operations.get(client, base + "/healthz")
    }
    // Plain HTTP on the TLS port gets no HTTP answer.
    await #expect(throws: HTTPClientError.self) {
      _ = try await Operations.get(client, "http://127.0.0.1:\(server.port)/healthz")
    }
    server.send(SIGTERM)
    #expect(try await offPool { server.waitForExit() } == 0)
  }
}
