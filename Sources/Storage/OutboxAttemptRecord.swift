public import Foundation

/// A stored attempt, as `notifications list` and the dead-letter log show it.
public struct OutboxAttemptRecord: Sendable, Hashable {
  /// The channel it went to.
  public var channelID: String
  /// When it started.
  public var attemptedAt: Date
  /// The status code, if there was an answer.
  public var statusCode: Int?
  /// Milliseconds it took.
  public var latencyMilliseconds: Int
  /// What went wrong.
  public var error: String?
  /// `delivered`, `retry`, `dead` or `disabled`.
  public var outcome: String

  /// Creates a record.
  public init(
    channelID: String, attemptedAt: Date, statusCode: Int?, latencyMilliseconds: Int,
    error: String?,
    outcome: String
  ) {
    self.channelID = channelID
    self.attemptedAt = attemptedAt
    self.statusCode = statusCode
    self.latencyMilliseconds = latencyMilliseconds
    self.error = error
    self.outcome = outcome
  }
}
