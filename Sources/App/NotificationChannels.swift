import Domain
import Foundation
import Notify
import Signing
import Storage

/// The configured users' channels as the outbox (ids and kinds) and the dispatcher (targets) need them.
///
/// A channel's id is derived from its owner, kind and target, so it stays the same across restarts and
/// a 410-disabled channel stays disabled until its configuration changes.
struct NotificationChannels: Sendable {
  /// What the outbox stores.
  let channels: [OutboxChannel]
  /// What the dispatcher sends to, by channel id.
  let endpoints: [String: NotificationEndpoint]

  /// Builds both from the users, refusing webhook secrets that do not decode (with the key path).
  init(users: [Configuration.User]) throws {
    var channels: [OutboxChannel] = []
    var endpoints: [String: NotificationEndpoint] = [:]
    for (userIndex, user) in users.enumerated() {
      for (index, channel) in user.channels.enumerated() {
        let target = channel.url ?? channel.address ?? ""
        let id =
          "ch_"
          + String(
            SHA256Digest.hex(
              Array("\(user.id)\u{0}\(channel.kind.rawValue)\u{0}\(target)".utf8)
            ).prefix(20))
        let endpoint: NotificationEndpoint
        switch channel.kind {
        case .webhook:
          let secrets = try channel.secrets.enumerated().map { secretIndex, secret in
            do {
              return try WebhookSecret(scheme: .standardWebhooks, text: secret.revealed)
            } catch {
              throw ConfigurationError(
                .invalidValue,
                path: "users[\(userIndex)].channels[\(index)].secrets[\(secretIndex)]",
                message: String(describing: error))
            }
          }
          endpoint = .webhook(url: target, secrets: secrets)
        case .slack: endpoint = .slack(url: target)
        case .email: endpoint = .email(address: target)
        }
        channels.append(OutboxChannel(id: id, userID: user.id, kind: channel.kind.rawValue))
        endpoints[id] = endpoint
      }
    }
    self.channels = channels
    self.endpoints = endpoints
  }
}
