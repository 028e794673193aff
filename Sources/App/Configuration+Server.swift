extension Configuration {
  /// How the HTTP server runs: worker threads and connection limits.
  public struct Server: Sendable, Equatable {
    /// Worker threads serving requests.
    public let threads: Int
    /// Connections held open at once; more are refused.
    public let connectionLimit: Int
    /// Seconds an idle connection is kept.
    public let connectionTimeoutSeconds: Int

    /// Creates server settings; the defaults suit a 2-core machine.
    public init(threads: Int = 4, connectionLimit: Int = 1024, connectionTimeoutSeconds: Int = 30) {
      self.threads = threads
      self.connectionLimit = connectionLimit
      self.connectionTimeoutSeconds = connectionTimeoutSeconds
    }

    /// The settings used when the `server` key is absent.
    public static let defaults = Server()

    /// The keys a server object may have.
    enum Key: String, CaseIterable {
      case threads
      case connectionLimit = "connection_limit"
      case connectionTimeoutSeconds = "connection_timeout_seconds"
    }

    /// Reads the `server` object.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let defaults = Self.defaults
      self.init(
        threads: try object.optional(.threads)?.integer(in: 1...256) ?? defaults.threads,
        connectionLimit: try object.optional(.connectionLimit)?.integer(in: 1...1_000_000)
          ?? defaults.connectionLimit,
        connectionTimeoutSeconds: try object.optional(.connectionTimeoutSeconds)?.integer(
          in: 1...3600)
          ?? defaults.connectionTimeoutSeconds)
    }
  }
}
