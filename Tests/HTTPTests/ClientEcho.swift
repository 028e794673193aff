import Foundation
import HTTPClient

/// What `/echo` sends back, decoded.
struct ClientEcho: Decodable {
  /// The request method as the server saw it.
  let method: String
  /// The request target.
  let path: String
  /// Header fields as `[name, value]` pairs.
  let headers: [[String]]
  /// The body, base64-encoded.
  let body: String

  /// The body bytes.
  var bodyBytes: [UInt8] { Data(base64Encoded: body).map { [UInt8]($0) } ?? [] }

  /// The first value of header `name`, compared case-insensitively.
  func header(_ name: String) -> String? {
    headers.first { $0.first?.lowercased() == name.lowercased() }?.last
  }
}

extension ClientEcho {
  /// Decodes an `/echo` response body.
  static func decode(_ response: HTTPClientResponse) throws -> ClientEcho {
    try JSONDecoder().decode(ClientEcho.self, from: Data(response.body))
  }
}
