public import HTTPClient

/// How the Crustdata client talks to the provider.
public struct CrustdataClientConfiguration: Sendable {
  /// The API's base URL without a trailing slash (`https://api.crustdata.com`, or the sandbox).
  public var baseURL: String
  /// The API key, sent as `Authorization: Bearer`.
  public var apiKey: String
  /// Profiles per request, 1 to 25.
  public var batchSize: Int
  /// Requests per minute the client stays under.
  public var requestsPerMinute: Int
  /// How long one request may take.
  public var timeout: Duration
  /// Retries on 429, 5xx, timeouts and malformed answers (honouring `Retry-After`).
  public var retry: RetryPolicy
  /// The price list for the credit recorder.
  public var prices: CreditPrices

  /// The API version header value.
  public static let apiVersion = "2025-11-01"
  /// The sections of `person_data` we store, and nothing else.
  public static let enrichFields = [
    "crustdata_person_id", "basic_profile", "professional_network", "experience", "education", "skills",
  ]

  /// Creates a configuration; defaults follow the provider's published limits.
  public init(
    baseURL: String, apiKey: String, batchSize: Int = 25, requestsPerMinute: Int = 15,
    timeout: Duration = .seconds(30),
    retry: RetryPolicy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(250), maxDelay: .seconds(30)),
    prices: CreditPrices = .published
  ) {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    self.baseURL = base
    self.apiKey = apiKey
    self.batchSize = min(max(batchSize, 1), 25)
    self.requestsPerMinute = max(requestsPerMinute, 1)
    self.timeout = timeout
    self.retry = retry
    self.prices = prices
  }
}
