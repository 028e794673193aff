import Foundation

/// The verifying webhook receiver as a child process, with its request log and its status file.
final class WebhookReceiver: Sendable {
  /// One request as the receiver logged it.
  struct Record: Decodable, Sendable {
    /// Unix seconds of receipt.
    let at: Double
    /// The `webhook-id` header.
    let webhookId: String?
    /// The `webhook-timestamp` header.
    let webhookTimestamp: String?
    /// How many `v1,` entries the signature header had.
    let signatureEntries: Int
    /// The official library's verdict per configured secret.
    let verified: [Bool]
    /// What the receiver answered.
    let status: Int
    /// The body.
    let body: String
  }

  private let child: ChildReceiver
  /// The request log file.
  let logPath: String
  /// The file whose content decides the answer ("200", "410", "429 1", ...).
  let statusPath: String

  /// The receiver's port.
  var port: Int { child.port }
  /// Its URL.
  var url: String { "http://127.0.0.1:\(port)/hooks" }

  /// Starts a receiver in `directory` verifying with `secrets`, answering `status`; `port` 0 = any.
  init(directory: URL, secrets: [String], status: String = "200", port: Int = 0) throws {
    logPath = directory.appendingPathComponent("requests.jsonl").path
    statusPath = directory.appendingPathComponent("status.txt").path
    try status.write(toFile: statusPath, atomically: true, encoding: .utf8)
    child = try ChildReceiver(
      script: "webhook_receiver.py",
      arguments: ["--port", String(port), "--log", logPath, "--status-file", statusPath]
        + secrets.flatMap { ["--secret", $0] })
  }

  /// Changes what the next requests are answered.
  func answer(_ status: String) throws {
    try status.write(toFile: statusPath, atomically: true, encoding: .utf8)
  }

  /// Every request so far.
  func records() throws -> [Record] {
    guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try text.split(separator: "\n").map {
      try decoder.decode(Record.self, from: Data($0.utf8))
    }
  }

  /// Stops it.
  func stop() { child.stop() }
}
