public import Signing

/// Where one external channel delivers: built from the configuration, keyed by the channel id.
public enum NotificationEndpoint: Sendable {
  /// A Standard Webhooks signed POST; during a rotation every secret signs.
  case webhook(url: String, secrets: [WebhookSecret])
  /// A Slack-compatible incoming webhook.
  case slack(url: String)
  /// An email to one address through the configured SMTP server.
  case email(address: String)

  /// `webhook`, `slack` or `email`.
  public var kind: String {
    switch self {
    case .webhook: "webhook"
    case .slack: "slack"
    case .email: "email"
    }
  }
}
