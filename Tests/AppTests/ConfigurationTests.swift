import Enrichment
import Foundation
import Logging
import Testing

@testable import App

/// Parses `json` with `environment`, the way `Configuration.load` does after reading a file.
func parseConfiguration(
  _ json: String, environment: [String: String] = [:],
  overrides: Configuration.Overrides = Configuration.Overrides()
) throws(ConfigurationError) -> Configuration {
  try Configuration.parse(Data(json.utf8), overrides: overrides, environment: environment)
}

/// A valid SHA-256 in hex, for users in test documents.
let sampleTokenHash = String(repeating: "ab", count: 32)

@Suite("Configuration: values and defaults")
struct ConfigurationTests {
  @Test("without a file, the built-in local defaults apply")
  func defaultsWithoutFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let configuration = try Configuration.load(
      file: nil, environment: [:], workingDirectory: directory.path)
    #expect(configuration == Configuration.defaults)
    #expect(configuration.listen == Configuration.ListenAddress(host: "127.0.0.1", port: 8080))
    #expect(configuration.database == "var/talentwatch.db")
    #expect(configuration.pepperIsDefault)
    #expect(configuration.maxBodyBytes == 1_048_576)
    #expect(configuration.shutdownTimeoutSeconds == 20)
    #expect(configuration.logLevel == .info)
    #expect(
      configuration.server
        == Configuration.Server(threads: 4, connectionLimit: 1024, connectionTimeoutSeconds: 30))
    #expect(configuration.ingest.ignoredBodyRetentionHours == 24)
    #expect(configuration.ingest.processBatchSize == 200)
    #expect(
      configuration.sources.isEmpty && configuration.users.isEmpty && configuration.provider == nil)
  }

  @Test("./talentwatch.json in the working directory is read when no --config is given")
  func defaultFileIsRead() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("talentwatch.json", #"{"listen": "127.0.0.1:9999", "log_level": "debug"}"#)
    let configuration = try Configuration.load(
      file: nil, environment: [:], workingDirectory: directory.path)
    #expect(configuration.listen.port == 9999)
    #expect(configuration.logLevel == .debug)
  }

  @Test("the documented example configuration loads with every value where it belongs")
  func fullExample() throws {
    let json = """
      {
        "listen": "0.0.0.0:8443",
        "database": "/srv/tw/tw.db",
        "pepper": "env:TALENTWATCH_PEPPER",
        "max_body_bytes": 65536,
        "shutdown_timeout_seconds": 5,
        "log_level": "notice",
        "server": {"threads": 2, "connection_limit": 64, "connection_timeout_seconds": 10},
        "sources": [
          {"name": "crustdata", "scheme": "crustdata", "format": "crustdata-watch",
           "secrets": ["env:CRUSTDATA_API_KEY"], "tolerance_seconds": 600},
          {"name": "partner", "scheme": "standard-webhooks", "format": "canonical",
           "secrets": ["whsec_new", "whsec_old"]}
        ],
        "ingest": {"ignored_body_retention_hours": 0, "process_batch_size": 50},
        "provider": {"kind": "crustdata", "base_url": "http://127.0.0.1:8700",
                     "api_key": "env:CRUSTDATA_API_KEY", "requests_per_minute": 30, "batch_size": 10,
                     "credits_per_day": 100, "timeout_seconds": 5},
        "users": [{"id": "u_anna", "name": "Anna de Vries", "role": "recruiter",
                   "token_sha256": "\(sampleTokenHash.uppercased())",
                   "channels": [
                     {"kind": "webhook", "url": "https://hooks.example.com/tw", "secret": "whsec_chan"},
                     {"kind": "slack", "url": "https://hooks.slack.example/T/B/X"},
                     {"kind": "email", "address": "anna@example.com"}]}]
      }
      """
    let environment = [
      "TALENTWATCH_PEPPER": "a-pepper-of-sufficient-length", "CRUSTDATA_API_KEY": "cd_live_key",
    ]
    let configuration = try parseConfiguration(json, environment: environment)
    #expect(configuration.listen == Configuration.ListenAddress(host: "0.0.0.0", port: 8443))
    #expect(configuration.database == "/srv/tw/tw.db")
    #expect(configuration.pepper.revealed == "a-pepper-of-sufficient-length")
    #expect(!configuration.pepperIsDefault)
    #expect(configuration.maxBodyBytes == 65536)
    #expect(configuration.shutdownTimeoutSeconds == 5)
    #expect(configuration.logLevel == .notice)
    #expect(
      configuration.server
        == Configuration.Server(threads: 2, connectionLimit: 64, connectionTimeoutSeconds: 10))
    #expect(configuration.sources.count == 2)
    let crustdata = try #require(configuration.source(named: "crustdata"))
    #expect(crustdata.scheme == .crustdata && crustdata.format == .crustdataWatch)
    #expect(crustdata.secrets.map(\.revealed) == ["cd_live_key"])
    #expect(crustdata.toleranceSeconds == 600)
    let partner = try #require(configuration.source(named: "partner"))
    #expect(partner.scheme == .standardWebhooks && partner.format == .canonical)
    #expect(partner.secrets.map(\.revealed) == ["whsec_new", "whsec_old"])
    #expect(partner.toleranceSeconds == 300)
    #expect(
      configuration.ingest
        == Configuration.Ingest(ignoredBodyRetentionHours: 0, processBatchSize: 50))
    let provider = try #require(configuration.provider)
    #expect(provider.kind == .crustdata && provider.baseURL == "http://127.0.0.1:8700")
    #expect(provider.apiKey.revealed == "cd_live_key")
    #expect(provider.requestsPerMinute == 30 && provider.batchSize == 10)
    #expect(provider.creditsPerDay == 100 && provider.timeoutSeconds == 5)
    let anna = try #require(configuration.users.first)
    #expect(anna.id == "u_anna" && anna.name == "Anna de Vries" && anna.role == .recruiter)
    #expect(anna.tokenSHA256 == sampleTokenHash)
    #expect(anna.channels.map(\.kind) == [.webhook, .slack, .email])
    #expect(anna.channels[0].secret?.revealed == "whsec_chan")
    #expect(anna.channels[2].address == "anna@example.com")
  }

  @Test("a provider without optional keys gets Crustdata's defaults")
  func providerDefaults() throws {
    let configuration = try parseConfiguration(#"{"provider": {"api_key": "k"}}"#)
    let provider = try #require(configuration.provider)
    #expect(provider.baseURL == "https://api.crustdata.com")
    #expect(provider.requestsPerMinute == 15 && provider.batchSize == 25)
    #expect(provider.creditsPerDay == 500 && provider.timeoutSeconds == 30)
  }

  @Test("credit prices: the published ones by default; each configured price replaces only its own")
  func creditPrices() throws {
    let defaults = try #require(
      try parseConfiguration(#"{"provider": {"api_key": "k"}}"#).provider)
    #expect(defaults.creditPrices == .published)
    #expect(
      defaults.creditPrices
        == CreditPrices(enrich: 1, businessEmail: 1, personalEmail: 2, phone: 2))
    let configured = try #require(
      try parseConfiguration(
        #"{"provider": {"api_key": "k", "credit_prices": {"enrich": 3, "phone": 0.5}}}"#
      ).provider)
    #expect(
      configured.creditPrices
        == CreditPrices(enrich: 3, businessEmail: 1, personalEmail: 2, phone: 0.5))
  }

  @Test("an env:NAME value is replaced by the environment variable")
  func environmentResolution() throws {
    let configuration = try parseConfiguration(
      #"{"listen": "env:TW_LISTEN", "database": "env:TW_DB"}"#,
      environment: ["TW_LISTEN": "[::1]:0", "TW_DB": "/tmp/from-env.db"])
    #expect(configuration.listen == Configuration.ListenAddress(host: "::1", port: 0))
    #expect(configuration.listen.description == "[::1]:0")
    #expect(configuration.database == "/tmp/from-env.db")
  }

  @Test("flags override the file: --db replaces database, --listen replaces listen")
  func overridesWin() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("custom.json", #"{"listen": "127.0.0.1:7000", "database": "file.db"}"#)
    let overrides = Configuration.Overrides(
      database: "flag.db", listen: Configuration.ListenAddress(host: "127.0.0.1", port: 7001))
    let configuration = try Configuration.load(
      file: "custom.json", overrides: overrides, environment: [:], workingDirectory: directory.path)
    #expect(configuration.database == "flag.db")
    #expect(configuration.listen.port == 7001)
    let withoutFlags = try Configuration.load(
      file: "custom.json", environment: [:], workingDirectory: directory.path)
    #expect(withoutFlags.database == "file.db" && withoutFlags.listen.port == 7000)
  }

  @Test("listen addresses parse as HOST:PORT, with brackets for IPv6")
  func listenParsing() {
    #expect(
      Configuration.ListenAddress(parsing: "127.0.0.1:8080") == .init(host: "127.0.0.1", port: 8080)
    )
    #expect(
      Configuration.ListenAddress(parsing: "localhost:0") == .init(host: "localhost", port: 0))
    #expect(Configuration.ListenAddress(parsing: "[::1]:65535") == .init(host: "::1", port: 65535))
    for bad in [
      "127.0.0.1", ":8080", "host:", "host:65536", "host:-1", "::1:80", "a b:1", "host:80x", "",
    ] {
      #expect(Configuration.ListenAddress(parsing: bad) == nil, "\(bad) should not parse")
    }
  }

  @Test("secrets are redacted in every description of every type that holds them")
  func secretsAreRedacted() throws {
    let json = """
      {"pepper": "pepper-SECRET-value-1234",
       "sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["SOURCE-SECRET"]}],
       "provider": {"api_key": "PROVIDER-SECRET"},
       "users": [{"id": "u", "name": "PERSON-NAME", "role": "admin", "token_sha256": "\(sampleTokenHash)",
                  "channels": [{"kind": "webhook", "url": "https://h.example/CHANNEL-URL", "secret": "CHANNEL-SECRET"},
                               {"kind": "email", "address": "PERSON@example.com"}]}]}
      """
    let configuration = try parseConfiguration(json)
    var dumped = ""
    dump(configuration, to: &dumped)
    let renderings = [
      String(describing: configuration), String(reflecting: configuration), "\(configuration)",
      dumped,
      String(describing: configuration.sources), String(describing: configuration.provider as Any),
      String(describing: configuration.users), String(reflecting: configuration.pepper),
    ]
    for text in renderings {
      for secret in [
        "SECRET", "CHANNEL-URL", "PERSON", sampleTokenHash,
      ] {
        #expect(!text.contains(secret), "a rendering leaked \(secret): \(text)")
      }
    }
    #expect(String(describing: configuration).contains("[redacted]"))
    #expect(configuration.sources[0].secrets[0].revealed == "SOURCE-SECRET")
  }
}
