import Foundation
import HTTPClient
import HTTPServer
import Signing
import Synchronization
import TestSupport
import Testing

/// A `provider-sandbox` child process on a loopback port, its stderr kept in a temporary file.
final class SandboxProcess: Sendable {
  /// The API key every sandbox in these tests is started with.
  static let apiKey = "sbx-test-key-7f3a"
  /// The port it listens on.
  let port: Int
  /// A folder for its log (and state file, when a test asks for one).
  let directory: URL
  private let process: Process
  private let logPath: URL

  /// Starts `provider-sandbox --listen 127.0.0.1:0 --api-key KEY` plus `arguments`, waits until it listens.
  init(arguments: [String] = [], directory: URL? = nil) throws {
    let directory =
      directory
      ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    self.directory = directory
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "provider-sandbox")
    process.arguments =
      ["--listen", "127.0.0.1:0", "--api-key", Self.apiKey, "--profiles", Self.profiles]
      + arguments
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin"]
    let logPath = directory.appendingPathComponent("sandbox-\(UUID().uuidString.prefix(8)).log")
    _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: logPath)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    self.process = process
    self.logPath = logPath
    var line = Data()
    let reader = out.fileHandleForReading
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard text.hasPrefix("listening on http://127.0.0.1:"),
      let port = Int(text.dropFirst("listening on http://127.0.0.1:".count).prefix { $0.isNumber })
    else {
      process.terminate()
      process.waitUntilExit()
      throw StartFailed(
        output: text, log: (try? String(contentsOf: logPath, encoding: .utf8)) ?? "")
    }
    self.port = port
  }

  /// The profiles committed with the package.
  static let profiles = ProductBinary.packageRoot.appendingPathComponent(
    "fixtures/provider/profiles"
  )
  .path

  /// `http://127.0.0.1:PORT`.
  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Everything it logged so far.
  var log: String { (try? String(contentsOf: logPath, encoding: .utf8)) ?? "" }

  /// Sends SIGTERM and waits; returns the exit status.
  @discardableResult
  func terminate() -> Int32 {
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Kills it if still running and removes its folder.
  func remove() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }

  /// The sandbox did not say it was listening.
  struct StartFailed: Error, CustomStringConvertible {
    /// Its stdout.
    let output: String
    /// Its stderr.
    let log: String
    /// Both.
    var description: String { "provider-sandbox did not start: \(output) \(log)" }
  }
}

/// Calls to a sandbox with our `HTTPClient`.
struct SandboxCalls {
  let client: HTTPClient
  let sandbox: SandboxProcess

  /// `POST /person/enrich` with `urls` and `fields`, authenticated with `key` (the right one by default).
  func enrich(
    _ urls: [String], fields: [String]? = ["basic_profile", "experience", "skills"],
    key: String? = SandboxProcess.apiKey, timeout: Duration = .seconds(10)
  ) async throws -> HTTPClientResponse {
    var body: [String: Any] = ["professional_network_profile_urls": urls]
    if let fields { body["fields"] = fields }
    var headers: [(name: String, value: String)] = [
      ("content-type", "application/json"), ("x-api-version", "2025-11-01"),
    ]
    if let key { headers.append(("authorization", "Bearer \(key)")) }
    return try await client.send(
      HTTPClientRequest(
        method: "POST", url: sandbox.baseURL + "/person/enrich", headers: headers,
        body: Array(try JSONSerialization.data(withJSONObject: body)), timeout: timeout))
  }

  /// `GET /_sandbox/credits` as (total, entries).
  func credits() async throws -> (total: Int, entries: [[String: Any]]) {
    let response = try await client.send(
      HTTPClientRequest(url: sandbox.baseURL + "/_sandbox/credits"))
    let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    return (json?["total"] as? Int ?? -1, json?["entries"] as? [[String: Any]] ?? [])
  }

  /// `POST /_sandbox/people/{id}/change` with `body`; the status and the JSON answer.
  func change(_ id: String, _ body: String) async throws -> (status: Int, json: [String: Any]) {
    let response = try await client.send(
      HTTPClientRequest(
        method: "POST", url: sandbox.baseURL + "/_sandbox/people/\(id)/change",
        headers: [("content-type", "application/json")], body: Array(body.utf8)))
    let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    return (response.status, json ?? [:])
  }
}

/// Parses an enrich answer into its envelope entries.
func envelope(_ response: HTTPClientResponse) throws -> [[String: Any]] {
  try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
}

/// A webhook receiver on loopback built from our `HTTPServer`: verifies each delivery with our
/// `WebhookVerifier` and keeps what arrived.
final class DeliveryReceiver: Sendable {
  /// One received delivery.
  struct Received: Sendable {
    /// The verified delivery id, or nil when verification failed.
    let verifiedID: String?
    /// Why verification failed, if it did.
    let failure: String?
    /// The raw body.
    let body: [UInt8]
  }

  private let server: Server
  /// The bound port.
  let port: Int

  /// Starts a receiver verifying with `verifier`.
  init(verifier: WebhookVerifier) throws {
    var router = Router()
    let box = ReceivedBox()
    router.post("/webhooks/crustdata") { request in
      var headers: [String: String] = [:]
      for field in request.headers { headers[field.name.lowercased()] = field.value }
      let entry: Received
      do {
        let verified = try verifier.verify(
          header: { headers[$0] }, body: request.body, now: Date())
        entry = Received(verifiedID: verified.deliveryID, failure: nil, body: request.body)
      } catch {
        entry = Received(verifiedID: nil, failure: "\(error)", body: request.body)
      }
      box.append(entry)
      return entry.verifiedID == nil
        ? .error(status: 401, code: "bad_signature", message: "refused")
        : Response(status: 202)
    }
    server = Server(configuration: ServerConfiguration(host: "127.0.0.1", port: 0), router: router)
    port = try server.start()
    self.box = box
  }

  private let box: ReceivedBox

  /// The URL to give the sandbox as `--webhook-url`.
  var url: String { "http://127.0.0.1:\(port)/webhooks/crustdata" }

  /// Everything received so far.
  var deliveries: [Received] { box.all }

  /// Stops the server.
  func stop() { server.stop(timeout: .seconds(1)) }
}

/// The receiver's deliveries behind a mutex, shared with its handler.
final class ReceivedBox: Sendable {
  private let items = Mutex<[DeliveryReceiver.Received]>([])
  /// Adds one.
  func append(_ item: DeliveryReceiver.Received) { items.withLock { $0.append(item) } }
  /// All so far.
  var all: [DeliveryReceiver.Received] { items.withLock { $0 } }
}
