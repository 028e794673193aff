import Foundation
import HTTPClient
import Signing
import Synchronization
import TestSupport

/// Helpers of the operations tests: signed posts with any secret, child commands, Python and openssl.
enum Operations {
  /// A second Standard Webhooks secret, for rotation.
  static let rotatedSecret = "whsec_dGFsZW50d2F0Y2gtcm90YXRlZC1zZWNyZXQtMjRi"

  /// A canonical `person.changed` body for `id`.
  static func body(id: String) -> [UInt8] {
    Array(
      #"{"type":"person.changed","timestamp":"2026-11-30T06:00:00Z","data":{"person":{"provider":"crustdata","id":"\#(id)"},"detected_at":"2026-11-30T06:00:00Z"}}"#
        .utf8)
  }

  /// Posts one delivery signed with `secret` to `/webhooks/partner` under `baseURL`; returns the status.
  static func post(
    _ client: HTTPClient, baseURL: String, id: String, secret: String = ServeSandbox.secret,
    caCertificatesPath: String? = nil
  ) async throws -> Int {
    let body = body(id: id)
    let signer = WebhookSigner(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: secret)])
    let headers = signer.headers(deliveryID: id, timestamp: Date(), body: body)
    let response = try await client.send(
      HTTPClientRequest(
        method: "POST", url: baseURL + "/webhooks/partner",
        headers: headers + [("content-type", "application/json")], body: body,
        timeout: .seconds(10), caCertificatesPath: caCertificatesPath))
    return response.status
  }

  /// GETs `path` and returns status and body text.
  static func get(_ client: HTTPClient, _ url: String, caCertificatesPath: String? = nil)
    async throws -> (status: Int, text: String)
  {
    let response = try await client.send(
      HTTPClientRequest(url: url, timeout: .seconds(10), caCertificatesPath: caCertificatesPath))
    return (response.status, String(decoding: response.body, as: UTF8.self))
  }

  /// The value of the sample line `series` (name plus labels exactly as rendered) in an exposition.
  static func sample(_ series: String, in exposition: String) -> Double? {
    for line in exposition.split(separator: "\n") where line.hasPrefix(series + " ") {
      return Double(line.dropFirst(series.count + 1))
    }
    return nil
  }

  /// Runs `executable` with `arguments` to completion on its own thread; returns status, stdout, stderr.
  static func run(
    _ executable: URL, _ arguments: [String], directory: URL? = nil, input: String? = nil
  ) async throws -> (status: Int32, output: String, error: String) {
    try await offPool { try runBlocking(executable, arguments, directory: directory, input: input) }
  }

  /// `run`, blocking the calling thread.
  private static func runBlocking(
    _ executable: URL, _ arguments: [String], directory: URL?, input: String?
  ) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    let error = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try stdin.fileHandleForWriting.close()
    }
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self),
      String(decoding: err, as: UTF8.self)
    )
  }

  /// The test venv's Python (`make venv`), which has `prometheus_client` and `jsonschema`.
  static func python() throws -> URL {
    let venv = ProductBinary.packageRoot.appendingPathComponent(".venv/bin/python3")
    guard FileManager.default.isExecutableFile(atPath: venv.path) else {
      throw Missing(what: "the test venv (run `make venv`): \(venv.path)")
    }
    return venv
  }

  /// A self-signed certificate for 127.0.0.1 and its key, made by `openssl` in `directory`.
  static func selfSignedCertificate(in directory: URL) async throws -> (
    certificate: String, key: String
  ) {
    let certificate = directory.appendingPathComponent("server.crt").path
    let key = directory.appendingPathComponent("server.key").path
    let result = try await run(
      URL(fileURLWithPath: "/usr/bin/openssl"),
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      ])
    guard result.status == 0 else { throw Missing(what: "openssl failed: \(result.error)") }
    return (certificate, key)
  }

  /// A tool the test needs is not there.
  struct Missing: Error, CustomStringConvertible {
    /// What is missing.
    let what: String
    /// A sentence.
    var description: String { "missing \(what)" }
  }
}

/// State shared between a test's sender tasks.
final class SenderTally: Sendable {
  /// Delivery ids answered 2xx.
  let acknowledged = Mutex<[String]>([])
  /// Requests answered at all.
  let answered = Atomic(0)
  /// Cleared to stop background loops.
  let running = Atomic(true)
  /// Transport failures (refused or dropped connections).
  let transportErrors = Atomic(0)
}

/// Runs blocking work (child processes, waiting for exit) on its own thread, so the shared cooperative
/// pool stays free for the other tests running in parallel.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try work() }) }.start()
  }
}
