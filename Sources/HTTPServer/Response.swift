import Foundation

/// An HTTP response as a value: status, header fields and body bytes.
///
/// `Content-Length` is set by libmicrohttpd from `body` (a hand-written one is dropped, as is any field
/// containing CR or LF); `x-request-id` is always the server's request id.
public struct Response: Sendable {
  /// The status code, 100 to 999; anything else is sent as 500.
  public var status: Int
  /// Header fields in the order they will be sent.
  public var headers: [(name: String, value: String)]
  /// The body bytes.
  public var body: [UInt8]

  /// Creates a response from its parts.
  public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A response whose body is already-encoded JSON, with `content-type: application/json`.
  public static func json(status: Int, _ jsonBytes: [UInt8]) -> Response {
    Response(
      status: status, headers: [(name: "content-type", value: "application/json")], body: jsonBytes)
  }

  /// A JSON response encoding `value` with sorted keys; a value that fails to encode gives a 500 error.
  public static func json<T: Encodable>(status: Int, encoding value: T) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else {
      return .error(
        status: 500, code: "encoding_failed", message: "The response could not be encoded.")
    }
    return .json(status: status, Array(data))
  }

  /// A plain-text UTF-8 response.
  public static func text(status: Int, _ text: String) -> Response {
    Response(
      status: status, headers: [(name: "content-type", value: "text/plain; charset=utf-8")],
      body: Array(text.utf8))
  }

  /// The project's error shape: {"error": code, "message": human sentence}
  public static func error(status: Int, code: String, message: String) -> Response {
    var body: [UInt8] = []
    body.reserveCapacity(32 + code.utf8.count + message.utf8.count)
    body.append(contentsOf: #"{"error":"#.utf8)
    JSONString.append(code, to: &body)
    body.append(contentsOf: #","message":"#.utf8)
    JSONString.append(message, to: &body)
    body.append(UInt8(ascii: "}"))
    return .json(status: status, body)
  }

  /// The first value of the header field `name` (case-insensitive), or nil.
  public func header(_ name: String) -> String? {
    for field in headers where HTTPHeaders.namesMatch(field.name, name) {
      return field.value
    }
    return nil
  }
}
