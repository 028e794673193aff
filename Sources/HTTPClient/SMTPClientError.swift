/// Why an email was not handed over: a struct over a private kind, like `HTTPClientError`.
///
/// Equality compares the kind only. The description names the kind, the SMTP reply code and the libcurl
/// code; never addresses, credentials or message content.
public struct SMTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The closed set of failure kinds; private so that adding one is not a breaking change.
  private enum Kind: String, Sendable {
    case timeout, connectFailed, connectionLost, tls, authenticationFailed, rejected, deferred
    case invalidURL, invalidMessage, cancelled, shutdown, other
  }

  private let kind: Kind
  /// The last SMTP reply code from the server (for example 550), when there was one.
  public var replyCode: Int?
  /// The libcurl result code behind the failure, when libcurl reported one.
  public var curlCode: Int?

  private init(_ kind: Kind, replyCode: Int? = nil, curlCode: Int? = nil) {
    self.kind = kind
    self.replyCode = replyCode
    self.curlCode = curlCode
  }

  /// The total or connect timeout expired.
  public static let timeout = SMTPClientError(.timeout)
  /// No connection could be made.
  public static let connectFailed = SMTPClientError(.connectFailed)
  /// The connection broke without an SMTP reply that says why.
  public static let connectionLost = SMTPClientError(.connectionLost)
  /// TLS failed, or STARTTLS was required and the server does not offer it.
  public static let tls = SMTPClientError(.tls)
  /// The server refused the credentials.
  public static let authenticationFailed = SMTPClientError(.authenticationFailed)
  /// The server refused the sender, a recipient or the message permanently (5xx reply).
  public static let rejected = SMTPClientError(.rejected)
  /// The server refused for now (4xx reply); trying later may work.
  public static let deferred = SMTPClientError(.deferred)
  /// The URL is malformed or not `smtp://` / `smtps://`.
  public static let invalidURL = SMTPClientError(.invalidURL)
  /// An address or header contains CR, LF, NUL, spaces or angle brackets, or there is no recipient.
  public static let invalidMessage = SMTPClientError(.invalidMessage)
  /// The calling task was cancelled.
  public static let cancelled = SMTPClientError(.cancelled)
  /// The client was shut down.
  public static let shutdown = SMTPClientError(.shutdown)
  /// Any other failure; `curlCode` says which.
  public static let other = SMTPClientError(.other)

  /// Whether sending again later may help: timeouts, connect failures, lost connections, 4xx replies.
  public var isRetryable: Bool {
    switch kind {
    case .timeout, .connectFailed, .connectionLost, .deferred: true
    case .tls, .authenticationFailed, .rejected, .invalidURL, .invalidMessage, .cancelled,
      .shutdown, .other:
      false
    }
  }

  /// The SMTP view of a transport failure, refined by the server's last reply code.
  init(transport: HTTPClientError, replyCode: Int?) {
    let reply = replyCode.flatMap { $0 > 0 ? $0 : nil }
    let kind: Kind
    switch transport {
    case .timeout: kind = .timeout
    case .connectFailed: kind = .connectFailed
    case .tls: kind = .tls
    case .invalidURL: kind = .invalidURL
    case .invalidRequest: kind = .invalidMessage
    case .cancelled: kind = .cancelled
    case .shutdown: kind = .shutdown
    default:
      if transport.curlCode == 67 {
        kind = .authenticationFailed  // CURLE_LOGIN_DENIED
      } else if let reply, (500..<600).contains(reply) {
        kind = .rejected
      } else if let reply, (400..<500).contains(reply) {
        kind = .deferred
      } else if transport == .connectionLost {
        kind = .connectionLost
      } else {
        kind = .other
      }
    }
    self.init(kind, replyCode: reply, curlCode: transport.curlCode)
  }

  /// A generic description: kind and codes only.
  public var description: String {
    var text = "SMTPClientError.\(kind.rawValue)"
    if let replyCode { text += " (reply \(replyCode))" }
    if let curlCode { text += " (curl code \(curlCode): \(CurlCode.message(curlCode)))" }
    return text
  }

  /// Equal when the kinds are equal; the codes are detail, not identity.
  public static func == (lhs: SMTPClientError, rhs: SMTPClientError) -> Bool {
    lhs.kind == rhs.kind
  }

  /// Hashes the kind only, consistent with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
  }

}
