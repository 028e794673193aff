import Foundation
import HTTPClient

/// What `/stats` sends back, decoded.
struct ClientStats: Decodable {
  /// TCP connections accepted since the server started.
  let connections: Int
  /// Requests served per path.
  let requests: [String: Int]

  /// Decodes a `/stats` response body.
  static func decode(_ response: HTTPClientResponse) throws -> ClientStats {
    try JSONDecoder().decode(ClientStats.self, from: Data(response.body))
  }
}

extension ClientTestServer {
  /// Reads the server's connection and request counters through `client`.
  func stats(using client: HTTPClient) async throws -> ClientStats {
    try ClientStats.decode(try await client.send(HTTPClientRequest(url: base + "/stats")))
  }

  /// Waits (up to 10 s) until the server has seen `count` requests to `path`, so a test can act mid-request.
  func awaitRequests(path: String, count: Int = 1) async throws {
    let observer = HTTPClient(maximumConcurrentRequests: 1)
    let deadline = ContinuousClock.now + .seconds(10)
    while try await stats(using: observer).requests[path, default: 0] < count,
      ContinuousClock.now < deadline
    {
      try await Task.sleep(for: .milliseconds(20))
    }
  }
}
