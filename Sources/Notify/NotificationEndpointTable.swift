import Synchronization

/// The delivery targets by channel id, shared by the dispatcher and the API that adds and removes a
/// recruiter's channels while the service runs.
public final class NotificationEndpointTable: Sendable {
  private let endpoints: Mutex<[String: NotificationEndpoint]>

  /// Creates a table holding `endpoints`.
  public init(_ endpoints: [String: NotificationEndpoint] = [:]) {
    self.endpoints = Mutex(endpoints)
  }

  /// The endpoint of a channel, if it is known.
  public func endpoint(for channelID: String) -> NotificationEndpoint? {
    endpoints.withLock { $0[channelID] }
  }

  /// Adds or replaces a channel's endpoint.
  public func set(_ endpoint: NotificationEndpoint, for channelID: String) {
    endpoints.withLock { $0[channelID] = endpoint }
  }

  /// Forgets a channel.
  public func remove(_ channelID: String) {
    _ = endpoints.withLock { $0.removeValue(forKey: channelID) }
  }
}
