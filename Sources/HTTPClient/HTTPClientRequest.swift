/// One HTTP request as a plain value: what to send, where, and how long to wait for it.
public struct HTTPClientRequest: Sendable {
  /// The request method, sent as given (`GET`, `POST`, `PUT`, `DELETE`, ...); `HEAD` asks for no body.
  public var method: String
  /// The absolute `http://` or `https://` URL; other schemes are refused as `.invalidURL`.
  public var url: String
  /// Header fields in order; names and values must not contain CR, LF or NUL (`.invalidRequest`).
  public var headers: [(name: String, value: String)]
  /// The request body; sent with an exact `Content-Length` and without `Expect: 100-continue`.
  public var body: [UInt8]
  /// The limit for the whole exchange, connect included (`.timeout` when exceeded).
  public var timeout: Duration
  /// The limit for establishing the connection, TLS included (`.timeout` when exceeded).
  public var connectTimeout: Duration
  /// Whether 3xx answers with a `Location` are followed (at most 5 hops); off by default.
  public var followRedirects: Bool
  /// The largest response body accepted; a larger one aborts with `.responseTooLarge`.
  public var maximumResponseBytes: Int
  /// A PEM file of CA certificates to trust instead of the system store (a private CA); nil = system store.
  public var caCertificatesPath: String?
  /// When not empty, the only addresses the URL's host may be reached at (checked by the caller, e.g.
  /// an SSRF guard): libcurl connects to these instead of resolving the name again, so a name whose
  /// records change after the check (DNS rebinding) cannot lead elsewhere, and no proxy is used.
  public var pinnedAddresses: [String] = []

  /// Creates a request; only the URL is required.
  public init(
    method: String = "GET",
    url: String,
    headers: [(name: String, value: String)] = [],
    body: [UInt8] = [],
    timeout: Duration = .seconds(30),
    connectTimeout: Duration = .seconds(10),
    followRedirects: Bool = false,
    maximumResponseBytes: Int = 32 * 1024 * 1024,
    caCertificatesPath: String? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
    self.connectTimeout = connectTimeout
    self.followRedirects = followRedirects
    self.maximumResponseBytes = maximumResponseBytes
    self.caCertificatesPath = caCertificatesPath
  }

  /// The first value of the header `name`, compared case-insensitively; nil when absent.
  public func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.name.lowercased() == wanted }?.value
  }
}
