import Foundation
import HTTPClient
import Signing

/// The demo's HTTP calls: the admin API as a recruiter, the sandbox's script endpoint, and signed posts to
/// the webhook endpoint.
struct DemoAPI: Sendable {
  let http: HTTPClient
  let baseURL: String
  let sandboxURL: String
  let tokens: [String: String]

  /// Calls the admin API as `user`; returns the status and the JSON object answered.
  func admin(_ method: String, _ path: String, as user: String, body: [String: Any]) async throws
    -> (status: Int, json: [String: Any])
  {
    let bytes = try JSONSerialization.data(withJSONObject: body)
    let response = try await http.send(
      HTTPClientRequest(
        method: method, url: baseURL + "/api/v1" + path,
        headers: [
          ("authorization", "Bearer \(tokens[user] ?? "")"), ("content-type", "application/json"),
        ],
        body: Array(bytes), timeout: .seconds(60)))
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    return (response.status, object ?? [:])
  }

  /// Asks the sandbox to change a person (it then posts a signed watch delivery to the service).
  func providerChange(person: String, body: [String: Any]) async throws -> (
    status: Int, json: [String: Any]
  ) {
    let response = try await http.send(
      HTTPClientRequest(
        method: "POST", url: sandboxURL + "/_sandbox/people/\(person)/change",
        headers: [("content-type", "application/json")],
        body: Array(try JSONSerialization.data(withJSONObject: body)), timeout: .seconds(30)))
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    return (response.status, object ?? [:])
  }

  /// The sandbox's credit ledger total.
  func sandboxCredits() async throws -> Double {
    let response = try await http.send(HTTPClientRequest(url: sandboxURL + "/_sandbox/credits"))
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    return (object?["total"] as? NSNumber)?.doubleValue ?? 0
  }

  /// Posts `body` to `/webhooks/{source}` signed now with `secret` under `scheme`.
  func deliver(
    body: [UInt8], source: String, scheme: SignatureScheme, secret: String, deliveryID: String
  ) async throws -> Int {
    let signer = WebhookSigner(
      scheme: scheme, secrets: [try WebhookSecret(scheme: scheme, text: secret)])
    let headers = signer.headers(deliveryID: deliveryID, timestamp: Date(), body: body)
    let response = try await http.send(
      HTTPClientRequest(
        method: "POST", url: baseURL + "/webhooks/\(source)",
        headers: headers + [("content-type", "application/json")], body: body))
    return response.status
  }
}
