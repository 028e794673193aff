public import HTTPClient

/// The SMTP client and the `From` address for email channels (`notifications.smtp`).
public struct NotificationEmailSender: Sendable {
  /// The client.
  public let client: SMTPClient
  /// The sender address.
  public let from: String

  /// Creates a sender.
  public init(client: SMTPClient, from: String) {
    self.client = client
    self.from = from
  }
}
