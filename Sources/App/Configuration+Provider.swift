public import Enrichment

extension Configuration {
  /// The enrichment provider's API: where it is, its key, and the budget talentwatch keeps to.
  public struct Provider: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible
  {
    /// Which provider API this is; only Crustdata's is implemented.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
      /// Crustdata's person enrichment API.
      case crustdata
    }

    /// Which provider API this is.
    public let kind: Kind
    /// The API's base URL (`http` or `https`); the sandbox in tests and demos.
    public let baseURL: String
    /// The API key sent as a bearer token.
    public let apiKey: Secret
    /// Requests per minute the client stays under.
    public let requestsPerMinute: Int
    /// Profiles per enrichment request (the API allows at most 25).
    public let batchSize: Int
    /// Credits the planner may spend per day.
    public let creditsPerDay: Int
    /// Seconds one API request may take.
    public let timeoutSeconds: Int
    /// Days a verified record is served from our database instead of paying again (`enrich_cache_days`).
    public let enrichCacheDays: Int
    /// The provider's prices (`credit_prices`), for the credit ledger.
    public let creditPrices: CreditPrices
    /// Attempts per request before giving up (`max_attempts`), retrying 429, 5xx, timeouts, bad answers.
    public let maxAttempts: Int

    /// The base URL used when `base_url` is absent.
    public static let defaultBaseURL = "https://api.crustdata.com"
    /// The largest batch the provider's API accepts.
    public static let maximumBatchSize = 25

    /// Creates provider settings; the defaults match Crustdata's published limits.
    public init(
      kind: Kind = .crustdata, baseURL: String = Provider.defaultBaseURL, apiKey: Secret,
      requestsPerMinute: Int = 15, batchSize: Int = Provider.maximumBatchSize,
      creditsPerDay: Int = 500,
      timeoutSeconds: Int = 30, enrichCacheDays: Int = 30, creditPrices: CreditPrices = .published,
      maxAttempts: Int = 5
    ) {
      self.kind = kind
      self.baseURL = baseURL
      self.apiKey = apiKey
      self.requestsPerMinute = requestsPerMinute
      self.batchSize = batchSize
      self.creditsPerDay = creditsPerDay
      self.timeoutSeconds = timeoutSeconds
      self.enrichCacheDays = enrichCacheDays
      self.creditPrices = creditPrices
      self.maxAttempts = maxAttempts
    }

    /// The provider with its API key redacted.
    public var description: String {
      "Provider(kind: \(kind.rawValue), base_url: \(baseURL), api_key: [redacted], "
        + "requests_per_minute: \(requestsPerMinute), batch_size: \(batchSize), "
        + "credits_per_day: \(creditsPerDay), timeout_seconds: \(timeoutSeconds), "
        + "enrich_cache_days: \(enrichCacheDays), max_attempts: \(maxAttempts))"
    }

    /// Same as `description`: the API key stays redacted.
    public var debugDescription: String { description }

    /// The keys a provider object may have.
    enum Key: String, CaseIterable {
      case kind
      case baseURL = "base_url"
      case apiKey = "api_key"
      case requestsPerMinute = "requests_per_minute"
      case batchSize = "batch_size"
      case creditsPerDay = "credits_per_day"
      case timeoutSeconds = "timeout_seconds"
      case enrichCacheDays = "enrich_cache_days"
      case creditPrices = "credit_prices"
      case maxAttempts = "max_attempts"
    }

    /// Reads the `provider` object; `api_key` is required, everything else has a default.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let kind = try object.optional(.kind)?.oneOf(Kind.self, noun: "provider kind") ?? .crustdata
      var baseURL = Self.defaultBaseURL
      if let urlValue = object.optional(.baseURL) {
        baseURL = try urlValue.httpURL()
      }
      let apiKey = try object.required(.apiKey).secret()
      self.init(
        kind: kind, baseURL: baseURL, apiKey: apiKey,
        requestsPerMinute: try object.optional(.requestsPerMinute)?.integer(in: 1...100_000) ?? 15,
        batchSize: try object.optional(.batchSize)?.integer(in: 1...Self.maximumBatchSize)
          ?? Self.maximumBatchSize,
        creditsPerDay: try object.optional(.creditsPerDay)?.integer(in: 0...Int.max) ?? 500,
        timeoutSeconds: try object.optional(.timeoutSeconds)?.integer(in: 1...600) ?? 30,
        enrichCacheDays: try object.optional(.enrichCacheDays)?.integer(in: 0...3650) ?? 30,
        creditPrices: try object.optional(.creditPrices).map { value throws(ConfigurationError) in
          try CreditPrices(value)
        } ?? .published,
        maxAttempts: try object.optional(.maxAttempts)?.integer(in: 1...20) ?? 5)
    }
  }
}
