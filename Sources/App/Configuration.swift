public import Domain
public import Logging

/// Everything talentwatch is told at start-up, read from one JSON file (see `Configuration+Loading.swift`).
///
/// A value: loaded once before a command runs, then passed to whatever needs it. Every field has a
/// default except the secrets of the sources, users and provider listed in it. Secrets are wrapped in
/// `Secret` and every type that holds one prints them as `[redacted]`.
public struct Configuration: Sendable, Equatable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// Where the HTTP server listens (`listen`).
  public let listen: ListenAddress
  /// The SQLite database file (`database`), relative to the working directory unless absolute.
  public let database: String
  /// The key for pseudonymous ids in the audit log (`pepper`).
  public let pepper: Secret
  /// Whether `pepper` is the built-in development constant; the server warns about it at start-up.
  public let pepperIsDefault: Bool
  /// The largest webhook body accepted, in bytes (`max_body_bytes`).
  public let maxBodyBytes: Int
  /// Seconds a graceful shutdown may take before work is abandoned (`shutdown_timeout_seconds`).
  public let shutdownTimeoutSeconds: Int
  /// The least important log level written (`log_level`).
  public let logLevel: LogLevel
  /// HTTP server settings (`server`).
  public let server: Server
  /// Webhook sources, each with its own path, scheme, format and secrets (`sources`).
  public let sources: [Source]
  /// Inbox processing settings (`ingest`).
  public let ingest: Ingest
  /// The re-matcher's settings (`matching`).
  public let matching: Matching
  /// The enrichment provider (`provider`); nil when none is configured and refreshes are off.
  public let provider: Provider?
  /// Users of the admin API (`users`).
  public let users: [User]
  /// HTTPS certificate and key files (`tls`); nil serves plain HTTP.
  public let tls: TLS?
  /// Retention periods (`retention`), checked against GDPR Art. 14 and AI Act Art. 26(6) when loaded.
  public let retention: RetentionPolicy
  /// The delta planner's rules and the refresh schedule (`planner`).
  public let planner: Planner
  /// Recruiter notification settings (`notifications`).
  public let notifications: Notifications

  /// The built-in default `listen`.
  public static let defaultListen = ListenAddress.localDefault
  /// The built-in default `database`.
  public static let defaultDatabase = "var/talentwatch.db"
  /// The pepper used when none is configured: fine for a laptop, never for real data.
  public static let developmentPepper = Secret(
    "talentwatch-development-pepper-do-not-use-in-production")
  /// The built-in default `max_body_bytes`: 1 MiB.
  public static let defaultMaxBodyBytes = 1_048_576
  /// The built-in default `shutdown_timeout_seconds`.
  public static let defaultShutdownTimeoutSeconds = 20
  /// The shortest pepper accepted, in characters.
  public static let minimumPepperLength = 16

  /// Creates a configuration; a nil `pepper` means the development pepper (and `pepperIsDefault`).
  public init(
    listen: ListenAddress = Configuration.defaultListen,
    database: String = Configuration.defaultDatabase,
    pepper: Secret? = nil,
    maxBodyBytes: Int = Configuration.defaultMaxBodyBytes,
    shutdownTimeoutSeconds: Int = Configuration.defaultShutdownTimeoutSeconds,
    logLevel: LogLevel = .info,
    server: Server = .defaults,
    sources: [Source] = [],
    ingest: Ingest = .defaults,
    matching: Matching = .defaults,
    provider: Provider? = nil,
    users: [User] = [],
    tls: TLS? = nil,
    retention: RetentionPolicy = .defaults,
    planner: Planner = .defaults,
    notifications: Notifications = .defaults
  ) {
    self.tls = tls
    self.listen = listen
    self.database = database
    self.pepper = pepper ?? Self.developmentPepper
    self.pepperIsDefault = pepper == nil
    self.maxBodyBytes = maxBodyBytes
    self.shutdownTimeoutSeconds = shutdownTimeoutSeconds
    self.logLevel = logLevel
    self.server = server
    self.sources = sources
    self.ingest = ingest
    self.matching = matching
    self.provider = provider
    self.users = users
    self.retention = retention
    self.planner = planner
    self.notifications = notifications
  }

  /// The built-in local defaults, used when there is no configuration file.
  public static let defaults = Configuration()

  /// The source posting to `/webhooks/{name}`, if there is one.
  public func source(named name: String) -> Source? {
    sources.first { $0.name == name }
  }

  /// The configuration with `overrides` (command-line flags) applied on top.
  public func applying(_ overrides: Overrides) -> Configuration {
    Configuration(
      listen: overrides.listen ?? listen, database: overrides.database ?? database,
      pepper: pepperIsDefault ? nil : pepper, maxBodyBytes: maxBodyBytes,
      shutdownTimeoutSeconds: shutdownTimeoutSeconds, logLevel: logLevel,
      server: server, sources: sources, ingest: ingest, matching: matching, provider: provider,
      users: users, tls: tls, retention: retention, planner: planner, notifications: notifications)
  }

  /// A summary with every secret redacted, safe for logs and error messages.
  public var description: String {
    "Configuration(listen: \(listen), database: \(database), pepper: [redacted]"
      + "\(pepperIsDefault ? " (development default)" : ""), max_body_bytes: \(maxBodyBytes), "
      + "shutdown_timeout_seconds: \(shutdownTimeoutSeconds), log_level: \(logLevel.rawValue), "
      + "sources: \(sources), provider: \(provider.map(String.init(describing:)) ?? "none"), "
      + "users: \(users))"
  }

  /// Same as `description`: secrets stay redacted.
  public var debugDescription: String { description }
}
