import Foundation
import HTTPClient
import Signing
import TestSupport

/// A temporary folder holding a config file and a database, for one `serve` child process or more.
struct ServeSandbox {
  let directory: URL
  let configPath: String
  let databasePath: String
  static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  init(extraConfiguration: String = "") throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("talentwatch-e2e-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    databasePath = directory.appendingPathComponent("var/talentwatch.db").path
    configPath = directory.appendingPathComponent("talentwatch.json").path
    let config = """
      {"listen": "127.0.0.1:0", "database": "\(databasePath)", "log_level": "info",
       "pepper": "an-end-to-end-test-pepper",
       "sources": [{"name": "partner", "scheme": "standard-webhooks", "format": "canonical",
                    "secrets": ["\(Self.secret)"]}]\(extraConfiguration)}
      """
    try config.write(toFile: configPath, atomically: true, encoding: .utf8)
  }

  func start() throws -> ServeProcess {
    try ServeProcess(configPath: configPath, directory: directory)
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Posts one signed canonical delivery with the given id; returns the status.
func postDelivery(_ client: HTTPClient, to server: ServeProcess, id: String) async throws -> Int {
  let body = Array(
    #"{"type":"person.changed","timestamp":"2026-11-30T06:00:00Z","data":{"person":{"provider":"crustdata","id":"\#(id)"},"detected_at":"2026-11-30T06:00:00Z"}}"#
      .utf8)
  let signer = WebhookSigner(
    scheme: .standardWebhooks,
    secrets: [try WebhookSecret(scheme: .standardWebhooks, text: ServeSandbox.secret)])
  let headers = signer.headers(deliveryID: id, timestamp: Date(), body: body)
  let response = try await client.send(
    HTTPClientRequest(
      method: "POST", url: server.baseURL + "/webhooks/partner",
      headers: headers + [("content-type", "application/json")], body: body,
      timeout: .seconds(10)))
  return response.status
}
