/// What the server reports about one answered request to its `RequestObserver`.
public struct RequestObservation: Sendable {
  /// The request method as sent (empty when the server answered before reading it, e.g. 413 or 503).
  public let method: String
  /// The route pattern that matched (`/webhooks/{source}`), or `unmatched`; never the raw path.
  public let route: String
  /// The status code sent.
  public let status: Int
  /// Seconds from the request's first byte being handled to its completion.
  public let seconds: Double

  /// Creates an observation.
  public init(method: String, route: String, status: Int, seconds: Double) {
    self.method = method
    self.route = route
    self.status = status
    self.seconds = seconds
  }
}

/// A hook told about every completed request, e.g. to feed a latency histogram.
public typealias RequestObserver = @Sendable (RequestObservation) -> Void
