/// One HTTP request as the router and handlers see it, with its whole body read.
public struct Request: Sendable {
  /// The method as sent, for example `GET` or `POST`.
  public let method: String
  /// The path without the query string, as libmicrohttpd hands it over: percent-escapes are decoded
  /// once by libmicrohttpd (so `%2F` arrives as `/`) and nothing further is decoded here.
  public let path: String
  /// Query arguments, decoded by libmicrohttpd; when a name repeats, the first value wins.
  public let query: [String: String]
  /// The request header fields in arrival order.
  public let headers: HTTPHeaders
  /// The raw body bytes (empty when there is no body).
  public let body: [UInt8]
  /// Values captured by `{name}` segments of the matched route pattern.
  public var pathParameters: [String: String]
  /// The request id: the client's `x-request-id` when valid, otherwise a generated one.
  public let id: String
  /// The client's IP address, when libmicrohttpd knows it.
  public let remoteAddress: String?

  /// Creates a request; the server does this, and tests may build requests for handlers directly.
  public init(
    method: String, path: String, query: [String: String] = [:],
    headers: HTTPHeaders = HTTPHeaders([]),
    body: [UInt8] = [], pathParameters: [String: String] = [:], id: String = "test",
    remoteAddress: String? = nil
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
    self.pathParameters = pathParameters
    self.id = id
    self.remoteAddress = remoteAddress
  }
}
