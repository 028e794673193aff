extension Configuration {
  /// Recruiter notification settings (`notifications`).
  public struct Notifications: Sendable, Equatable {
    /// Changes to one candidate within this many seconds coalesce into one notification.
    public let digestWindowSeconds: Int
    /// The retry schedule in seconds, first attempt first (the Standard Webhooks one by default).
    public let retryScheduleSeconds: [Double]
    /// Hosts exempt from the SSRF guard (e.g. `["127.0.0.1", "localhost"]` for local receivers).
    public let allowPrivateHosts: [String]
    /// The SMTP server for email channels; nil = email channels are refused at delivery.
    public let smtp: SMTP?

    /// SMTP settings (`notifications.smtp`).
    public struct SMTP: Sendable, Equatable, CustomStringConvertible {
      /// `smtp://host:port` (STARTTLS) or `smtps://host:port`.
      public let url: String
      /// The sender address.
      public let from: String
      /// The user name for SMTP AUTH.
      public let username: String?
      /// The password for SMTP AUTH.
      public let password: Secret?
      /// `required` (default), `if_offered` or `never` (a local relay).
      public let startTLS: StartTLS

      /// The STARTTLS policies.
      public enum StartTLS: String, Sendable, Equatable, CaseIterable {
        /// Refuse a server without STARTTLS.
        case required
        /// Upgrade when offered.
        case ifOffered = "if_offered"
        /// Never upgrade.
        case never
      }

      /// Creates SMTP settings.
      public init(
        url: String, from: String, username: String? = nil, password: Secret? = nil,
        startTLS: StartTLS = .required
      ) {
        self.url = url
        self.from = from
        self.username = username
        self.password = password
        self.startTLS = startTLS
      }

      /// The server and sender; credentials redacted.
      public var description: String { "SMTP(url: [redacted], from: [redacted])" }

      enum Key: String, CaseIterable {
        case url, from, username, password
        case startTLS = "starttls"
      }

      init(_ value: ConfigurationValue) throws(ConfigurationError) {
        let object = try value.object(Key.self)
        let urlValue = try object.required(.url)
        let url = try urlValue.string()
        guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
          throw urlValue.invalid("expected an smtp:// or smtps:// URL")
        }
        let fromValue = try object.required(.from)
        let from = try fromValue.string()
        guard from.contains("@"), !from.contains(where: \.isWhitespace) else {
          throw fromValue.invalid("expected an email address")
        }
        self.init(
          url: url, from: from, username: try object.optional(.username)?.nonEmptyString(),
          password: try object.optional(.password)?.secret(),
          startTLS: try object.optional(.startTLS)?.oneOf(StartTLS.self, noun: "starttls policy")
            ?? .required)
      }
    }

    /// Creates notification settings.
    public init(
      digestWindowSeconds: Int = 600,
      retryScheduleSeconds: [Double] = [
        0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400,
      ],
      allowPrivateHosts: [String] = [], smtp: SMTP? = nil
    ) {
      self.digestWindowSeconds = digestWindowSeconds
      self.retryScheduleSeconds = retryScheduleSeconds
      self.allowPrivateHosts = allowPrivateHosts
      self.smtp = smtp
    }

    /// The settings used when the key is absent.
    public static let defaults = Notifications()

    enum Key: String, CaseIterable {
      case smtp
      case digestWindowSeconds = "digest_window_seconds"
      case retryScheduleSeconds = "retry_schedule_seconds"
      case allowPrivateHosts = "allow_private_hosts"
    }

    /// Reads the `notifications` object.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let defaults = Self.defaults
      var schedule = defaults.retryScheduleSeconds
      if let list = object.optional(.retryScheduleSeconds) {
        let items = try list.array()
        guard !items.isEmpty, items.count <= 50 else {
          throw list.invalid("expected 1 to 50 waits in seconds")
        }
        schedule = []
        for item in items { schedule.append(Double(try item.integer(in: 0...604_800))) }
      }
      var hosts: [String] = []
      if let list = object.optional(.allowPrivateHosts) {
        for item in try list.array() { hosts.append(try item.nonEmptyString()) }
      }
      self.init(
        digestWindowSeconds: try object.optional(.digestWindowSeconds)?.integer(in: 0...86_400)
          ?? defaults.digestWindowSeconds,
        retryScheduleSeconds: schedule, allowPrivateHosts: hosts,
        smtp: try object.optional(.smtp).map { value throws(ConfigurationError) in try SMTP(value) }
      )
    }
  }
}
