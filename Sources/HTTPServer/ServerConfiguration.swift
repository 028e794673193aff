/// Where the server listens and the limits it enforces.
public struct ServerConfiguration: Sendable {
  /// The numeric IPv4 or IPv6 address to bind; loopback by default.
  public var host: String
  /// The TCP port; 0 asks the kernel for an ephemeral one (see `Server.start()`).
  public var port: Int
  /// The largest accepted request body; larger ones are answered 413.
  public var maxBodyBytes: Int
  /// Seconds a connection may stay idle before libmicrohttpd closes it (0 = never; at most a day).
  public var connectionTimeoutSeconds: Int
  /// The most connections served at once (1 to 1,000,000); libmicrohttpd refuses the rest.
  public var connectionLimit: Int
  /// The number of libmicrohttpd worker threads, 1 to 256 (its thread pool; 1 = one polling thread).
  public var threadCount: Int
  /// Serve HTTPS with this certificate and key (libmicrohttpd's TLS); nil serves plain HTTP.
  public var tls: TLSConfiguration?
  /// Called once per answered request, on a server thread, after the response went out; keep it cheap.
  public var requestObserver: RequestObserver?

  /// Creates a configuration; every parameter has the production default.
  public init(
    host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1_048_576,
    connectionTimeoutSeconds: Int = 30, connectionLimit: Int = 1024, threadCount: Int = 2,
    tls: TLSConfiguration? = nil, requestObserver: RequestObserver? = nil
  ) {
    self.tls = tls
    self.requestObserver = requestObserver
    self.host = host
    self.port = port
    self.maxBodyBytes = maxBodyBytes
    self.connectionTimeoutSeconds = connectionTimeoutSeconds
    self.connectionLimit = connectionLimit
    self.threadCount = threadCount
  }
}
