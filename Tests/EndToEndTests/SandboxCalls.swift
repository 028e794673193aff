import Foundation
import HTTPClient
import Testing

/// Calls to a sandbox with our `HTTPClient`.
struct SandboxCalls {
  /// The client the calls go through.
  let client: HTTPClient
  /// The sandbox called.
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

  /// Parses an enrich answer into its envelope entries.
  static func envelope(_ response: HTTPClientResponse) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
  }
}
