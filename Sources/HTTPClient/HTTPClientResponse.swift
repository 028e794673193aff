/// One HTTP response as a plain value: status, header fields in arrival order, body and time taken.
public struct HTTPClientResponse: Sendable {
  /// The status code of the final response (after redirects, when they were followed).
  public var status: Int
  /// Header fields of the final response in arrival order; repeated fields appear repeatedly.
  public var headers: [(name: String, value: String)]
  /// The response body as received (no content decoding is requested or applied).
  public var body: [UInt8]
  /// Wall time spent performing the request, from the start of the transfer to its end.
  public var elapsed: Duration

  /// Creates a response; public so that other modules can build fixtures.
  public init(
    status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
    elapsed: Duration = .zero
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.elapsed = elapsed
  }

  /// The first value of the header `name`, compared case-insensitively; nil when absent.
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }

  /// Every value of the header `name` in arrival order, compared case-insensitively.
  public func headers(named name: String) -> [String] {
    let wanted = name.lowercased()
    return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
  }

  /// Whether the status is 2xx.
  public var isSuccess: Bool { (200..<300).contains(status) }
}
