/// Why the server could not start.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The kinds of start failure.
  public enum Code: Sendable, Equatable {
    /// `host` is not a numeric IPv4 or IPv6 address.
    case invalidHost
    /// A port, limit or count is out of range.
    case invalidConfiguration
    /// libmicrohttpd refused to start (address in use, no permission, resources).
    case startFailed
    /// `start()` was called on a server that is running or was stopped.
    case alreadyStarted
  }

  /// What went wrong.
  public let code: Code
  /// A human sentence for logs; carries no request data.
  public let message: String

  /// Creates an error.
  init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
