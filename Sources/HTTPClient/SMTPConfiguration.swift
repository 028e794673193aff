/// Where and how to hand over email: server URL, TLS policy, credentials and time limits.
public struct SMTPConfiguration: Sendable {
  /// Whether to upgrade a plain `smtp://` connection with STARTTLS.
  public enum StartTLS: Sendable, Hashable {
    /// Fail with `.tls` unless the server offers STARTTLS and the upgrade succeeds (the default).
    case required
    /// Upgrade when offered, else continue in plain text (only for trusted networks).
    case ifOffered
    /// Never upgrade (a local relay or a test sink).
    case never
  }

  /// `smtp://host:port` (STARTTLS per `startTLS`) or `smtps://host:port` (TLS from the first byte).
  public var url: String
  /// The STARTTLS policy for `smtp://`; `smtps://` is always TLS.
  public var startTLS: StartTLS
  /// The user name for SMTP AUTH; nil = no authentication.
  public var username: String?
  /// The password for SMTP AUTH; never logged or put into error descriptions.
  public var password: String?
  /// The limit for the whole exchange.
  public var timeout: Duration
  /// The limit for establishing the connection.
  public var connectTimeout: Duration
  /// A PEM file of CA certificates to trust instead of the system store; nil = system store.
  public var caCertificatesPath: String?

  /// Creates a configuration; STARTTLS is required unless said otherwise.
  public init(
    url: String, startTLS: StartTLS = .required, username: String? = nil, password: String? = nil,
    timeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(10),
    caCertificatesPath: String? = nil
  ) {
    self.url = url
    self.startTLS = startTLS
    self.username = username
    self.password = password
    self.timeout = timeout
    self.connectTimeout = connectTimeout
    self.caCertificatesPath = caCertificatesPath
  }
}
