extension Configuration {
  /// Where a user's notifications go: a signed webhook, a Slack-compatible webhook, or an email address.
  public struct Channel: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
  {
    /// The kinds of channel.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
      /// A Standard Webhooks signed POST to `url` (needs `secret`).
      case webhook
      /// A Slack-compatible incoming webhook at `url`.
      case slack
      /// An email to `address`.
      case email
    }

    /// Which kind of channel this is.
    public let kind: Kind
    /// The target URL for `webhook` and `slack`; nil for `email`. Treated as sensitive (Slack URLs are credentials).
    public let url: String?
    /// The address for `email`; nil otherwise.
    public let address: String?
    /// The signing secret for `webhook`; nil otherwise.
    public let secret: Secret?
    /// Every signing secret for `webhook` (`secret` first, then `secrets`): during a rotation both sign.
    public let secrets: [Secret]

    /// Creates a channel; the loader checks that the fields fit the kind.
    public init(
      kind: Kind, url: String? = nil, address: String? = nil, secret: Secret? = nil,
      secrets: [Secret] = []
    ) {
      self.kind = kind
      self.url = url
      self.address = address
      self.secret = secret ?? secrets.first
      self.secrets = (secret.map { [$0] } ?? []) + secrets.filter { $0 != secret }
    }

    /// The channel's kind only: its URL, address and secret are personal data or credentials.
    public var description: String { "Channel(kind: \(kind.rawValue), target: [redacted])" }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Only the kind, so `dump` shows no URL, address or secret.
    public var customMirror: Mirror {
      Mirror(self, children: ["kind": kind], displayStyle: .struct)
    }

    /// The keys a channel object may have.
    enum Key: String, CaseIterable {
      case kind, url, address, secret, secrets
    }

    /// Reads a channel object: `webhook` needs `url` and `secret` or `secrets` (a rotation signs with all),
    /// `slack` needs `url`, `email` needs `address`.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let kind = try object.required(.kind).oneOf(Kind.self, noun: "channel kind")
      func refuse(_ key: Key) throws(ConfigurationError) {
        if object.optional(key) != nil {
          throw ConfigurationError(
            .invalidValue, path: object.path(of: key),
            message: "not allowed for kind \"\(kind.rawValue)\"")
        }
      }
      switch kind {
      case .webhook:
        try refuse(.address)
        let url = try object.required(.url).httpURL()
        var secrets: [Secret] = []
        if let list = object.optional(.secrets) {
          for item in try list.array() { secrets.append(try item.secret()) }
        }
        let secret = try object.optional(.secret)?.secret()
        if secret == nil && secrets.isEmpty { _ = try object.required(.secret) }
        self.init(kind: kind, url: url, secret: secret, secrets: secrets)
      case .slack:
        try refuse(.address)
        try refuse(.secret)
        try refuse(.secrets)
        self.init(kind: kind, url: try object.required(.url).httpURL())
      case .email:
        try refuse(.url)
        try refuse(.secret)
        try refuse(.secrets)
        let addressValue = try object.required(.address)
        let address = try addressValue.string()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
          !address.contains(where: \.isWhitespace)
        else { throw addressValue.invalid("expected an email address") }
        self.init(kind: kind, address: address)
      }
    }
  }
}
