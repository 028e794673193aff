/// An external channel of a recipient as the outbox stores it: a stable id, the owner and the kind.
/// The target (URL, address, secret) stays in the configuration, keyed by `id`.
public struct OutboxChannel: Sendable, Hashable {
  /// A stable id derived from the channel's configuration (`ch_...`).
  public var id: String
  /// The recipient's user id.
  public var userID: String
  /// `webhook`, `slack` or `email`.
  public var kind: String

  /// Creates a channel.
  public init(id: String, userID: String, kind: String) {
    self.id = id
    self.userID = userID
    self.kind = kind
  }
}
