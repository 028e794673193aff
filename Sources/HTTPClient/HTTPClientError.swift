/// Why a request produced no response: a struct over a private kind so that kinds can be added later.
///
/// Equality compares the kind only, so `error == .timeout` holds whatever `curlCode` says, and
/// `case .timeout` in a `switch` or a typed `catch` matches by kind. (No `~=` over `any Error` on purpose:
/// two error types offering one make every `case .x` ambiguous.) The description names the kind and the
/// libcurl code only; it never contains URLs, headers or bodies, which may hold secrets or personal data.
public struct HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The closed set of failure kinds; private so that adding one is not a breaking change.
  private enum Kind: String, Sendable {
    case timeout, connectFailed, connectionLost, tls, invalidURL, invalidRequest, tooManyRedirects
    case invalidResponse, responseTooLarge, cancelled, shutdown, other
  }

  private let kind: Kind
  /// The libcurl result code (`CURLcode`) behind the failure, when libcurl reported one.
  public var curlCode: Int?

  private init(_ kind: Kind, curlCode: Int? = nil) {
    self.kind = kind
    self.curlCode = curlCode
  }

  /// The total timeout or the connect timeout expired.
  public static let timeout = HTTPClientError(.timeout)
  /// No connection could be made: refused, unreachable, or the host name did not resolve.
  public static let connectFailed = HTTPClientError(.connectFailed)
  /// The connection broke after it was made: nothing or part of a response arrived, send or receive failed.
  public static let connectionLost = HTTPClientError(.connectionLost)
  /// TLS failed: handshake, certificate verification, or a required STARTTLS the server does not offer.
  public static let tls = HTTPClientError(.tls)
  /// The URL is malformed or its scheme is not allowed (only http and https; smtp and smtps for SMTP).
  public static let invalidURL = HTTPClientError(.invalidURL)
  /// The request itself is unusable: a header or method with CR, LF or NUL, an empty method or recipient list.
  public static let invalidRequest = HTTPClientError(.invalidRequest)
  /// More than 5 redirects were followed.
  public static let tooManyRedirects = HTTPClientError(.tooManyRedirects)
  /// The server's answer is not valid HTTP (no status line, malformed headers).
  public static let invalidResponse = HTTPClientError(.invalidResponse)
  /// The response body exceeded the request's `maximumResponseBytes`.
  public static let responseTooLarge = HTTPClientError(.responseTooLarge)
  /// The calling task was cancelled; the transfer was aborted.
  public static let cancelled = HTTPClientError(.cancelled)
  /// The client was shut down before or while the request ran.
  public static let shutdown = HTTPClientError(.shutdown)
  /// Any other libcurl failure; `curlCode` says which.
  public static let other = HTTPClientError(.other)

  /// The same kind carrying a libcurl code.
  func with(curlCode: Int) -> HTTPClientError {
    HTTPClientError(kind, curlCode: curlCode)
  }

  /// Whether trying again may help: timeouts, connect failures and lost connections; never TLS or bad input.
  public var isRetryable: Bool {
    switch kind {
    case .timeout, .connectFailed, .connectionLost: true
    case .tls, .invalidURL, .invalidRequest, .tooManyRedirects, .invalidResponse, .responseTooLarge:
      false
    case .cancelled, .shutdown, .other:
      false
    }
  }

  /// A generic description: the kind and the libcurl code, nothing from the request or response.
  public var description: String {
    guard let curlCode else { return "HTTPClientError.\(kind.rawValue)" }
    return "HTTPClientError.\(kind.rawValue) (curl code \(curlCode): \(CurlCode.message(curlCode)))"
  }

  /// Equal when the kinds are equal; `curlCode` is detail, not identity.
  public static func == (lhs: HTTPClientError, rhs: HTTPClientError) -> Bool {
    lhs.kind == rhs.kind
  }

  /// Hashes the kind only, consistent with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
  }

}
