public import Domain
import Foundation
public import HTTPClient
public import Logging

/// The Crustdata-compatible enrichment client over our `HTTPClient`.
///
/// `POST {base_url}/person/enrich` with validated, normalised, batched
/// `professional_network_profile_urls` and only the `fields` we store; paced under the
/// requests-per-minute limit; retried on 429, 5xx, timeouts and malformed answers with the retry policy
/// (honouring `Retry-After`). Every successful paid call is reported to the credit recorder.
public final class CrustdataClient: PersonEnricher {
  private let configuration: CrustdataClientConfiguration
  private let http: HTTPClient
  private let clock: any Clock
  private let pacer: RequestPacer
  private let recorder: CreditRecorder
  private let logger: Logger

  /// Creates a client; `recorder` receives every charge (App writes it to the credit ledger).
  public init(
    configuration: CrustdataClientConfiguration, http: HTTPClient, clock: any Clock,
    logger: Logger = Logger(label: "enrichment"),
    recorder: @escaping CreditRecorder
  ) {
    self.configuration = configuration
    self.http = http
    self.clock = clock
    self.pacer = RequestPacer(requestsPerMinute: configuration.requestsPerMinute, clock: clock)
    self.recorder = recorder
    self.logger = logger
  }

  /// Enriches people by profile URL; see `PersonEnricher`.
  public func enrich(profileURLs: [String], purpose: EnrichmentPurpose)
    async throws(EnrichmentError)
    -> [EnrichmentOutcome]
  {
    let prepared = ProfileURLBatcher.prepare(profileURLs, batchSize: configuration.batchSize)
    var results: [String: EnrichmentOutcome.Result] = [:]
    for batch in prepared.batches {
      let answer = try await call(urls: batch, fields: CrustdataClientConfiguration.enrichFields)
      let read = Self.outcomes(for: batch, found: answer.found, answered: answer.answered)
      // Every matched person is billed, readable or not.
      if read.billed > 0 {
        await record(
          CreditCharge(
            at: clock.now(), operation: "enrich",
            credits: Double(read.billed) * configuration.prices.enrich, profiles: read.billed,
            purpose: purpose))
      }
      for (url, result) in read.results {
        if case .unreadable = result { logger.warning("enriched person unreadable") }
        results[url] = result
      }
    }
    return zip(profileURLs, prepared.normalized).map { requested, normalized in
      guard let normalized else {
        return EnrichmentOutcome(requestedURL: requested, result: .invalidURL)
      }
      return EnrichmentOutcome(requestedURL: requested, result: results[normalized] ?? .unanswered)
    }
  }

  /// What one batch's answer says about each URL, and how many people were matched (billed): a URL the
  /// answer does not mention is `unanswered`, an empty match `noMatch`, and a match whose record cannot
  /// be read is `unreadable` on its own, without costing the batch its readable people. Pure.
  static func outcomes(for batch: [String], found: [String: Any], answered: Set<String>) -> (
    results: [String: EnrichmentOutcome.Result], billed: Int
  ) {
    var results: [String: EnrichmentOutcome.Result] = [:]
    var billed = 0
    for url in batch {
      guard let personData = found[url] else {
        results[url] = answered.contains(url) ? .noMatch : .unanswered
        continue
      }
      billed += 1
      do {
        results[url] = .matched(try CrustdataMapper.person(from: personData, profileURL: url))
      } catch {
        results[url] = .unreadable(error.message)
      }
    }
    return (results, billed)
  }

  /// Fetches contact data through the same endpoint with `fields: ["contact"]`; billed per the prices.
  public func fetchContactData(profileURL: String, purpose: EnrichmentPurpose)
    async throws(EnrichmentError) -> ContactData?
  {
    guard let url = ProfileURLBatcher.validProfileURL(profileURL) else {
      throw EnrichmentError(.other, "not a profile URL")
    }
    let found = try await call(urls: [url], fields: ["contact"]).found
    guard let personData = found[url] else { return nil }
    guard let data = personData as? [String: Any] else {
      throw EnrichmentError(.malformedResponse, "person_data is not an object")
    }
    let contact = try Self.contact(data)
    let prices = configuration.prices
    var credits = prices.enrich
    if !contact.business.isEmpty { credits += prices.businessEmail }
    if !contact.personal.isEmpty { credits += prices.personalEmail }
    if !contact.phones.isEmpty { credits += prices.phone }
    await record(
      CreditCharge(
        at: clock.now(), operation: "contact", credits: credits, profiles: 1, purpose: purpose))
    let emails = contact.business + contact.personal
    return emails.isEmpty && contact.phones.isEmpty
      ? nil : ContactData(emails: emails, phones: contact.phones)
  }

  /// Reads the `contact` section: business emails, personal emails, phone numbers.
  static func contact(_ data: [String: Any]) throws(EnrichmentError) -> (
    business: [String], personal: [String], phones: [String]
  ) {
    guard let section = data["contact"], !(section is NSNull) else { return ([], [], []) }
    guard let object = section as? [String: Any] else {
      throw EnrichmentError(.malformedResponse, "contact is not an object")
    }
    func list(_ key: String) throws(EnrichmentError) -> [String] {
      switch object[key] {
      case nil, is NSNull: return []
      case let values as [String]: return values
      case let value as String: return [value]
      default: throw EnrichmentError(.malformedResponse, "contact.\(key) has an unexpected type")
      }
    }
    return (try list("business_emails"), try list("personal_emails"), try list("phone_numbers"))
  }

  /// One paced, retried request for one batch; returns `person_data` per matched normalised URL and the
  /// URLs the answer mentions.
  private func call(urls: [String], fields: [String]) async throws(EnrichmentError) -> (
    found: [String: Any], answered: Set<String>
  ) {
    let body: [UInt8]
    do {
      body = Array(
        try JSONSerialization.data(
          withJSONObject: ["professional_network_profile_urls": urls, "fields": fields],
          options: [.sortedKeys, .withoutEscapingSlashes]))
    } catch {
      throw EnrichmentError(.other, "the request could not be encoded")
    }
    let request = HTTPClientRequest(
      method: "POST", url: configuration.baseURL + "/person/enrich",
      headers: [
        ("Authorization", "Bearer \(configuration.apiKey)"),
        ("x-api-version", CrustdataClientConfiguration.apiVersion),
        ("content-type", "application/json"), ("accept", "application/json"),
      ], body: body, timeout: configuration.timeout)
    let policy = configuration.retry
    var attempt = 1
    while true {
      do {
        try await pacer.acquire()
      } catch {
        throw EnrichmentError(.other, "cancelled")
      }
      var response: HTTPClientResponse?
      var failure: HTTPClientError?
      var lastError: EnrichmentError
      do {
        response = try await http.send(request)
      } catch {
        failure = error
      }
      var status = response?.status
      if let response {
        if response.status == 401 || response.status == 403 {
          throw EnrichmentError(.unauthorized, "the provider refused the API key")
        }
        if response.isSuccess {
          do {
            return try CrustdataEnvelope.join(body: response.body, requested: urls)
          } catch {
            lastError = error
            status = 502  // a malformed answer is retried like a bad gateway
          }
        } else {
          lastError = EnrichmentError(.unavailable, "the provider answered \(response.status)")
        }
      } else {
        lastError = EnrichmentError(
          .unavailable, "the request failed: \(failure.map(String.init(describing:)) ?? "unknown")")
      }
      logger.warning(
        "enrichment request failed",
        ["attempt": .integer(attempt), "http.status": .integer(status ?? 0)])
      guard
        let wait = policy.delay(
          afterAttempt: attempt, status: failure == nil ? status : nil, error: failure,
          retryAfter: response?.header("Retry-After"), now: clock.now(),
          randomUnit: Double.random(in: 0..<1))
      else {
        if lastError.kind == .unavailable || lastError.kind == .malformedResponse {
          throw lastError
        }
        throw EnrichmentError(.other, lastError.message)
      }
      do {
        try await Task.sleep(for: wait)
      } catch {
        throw EnrichmentError(.other, "cancelled")
      }
      attempt += 1
    }
  }

  private func record(_ charge: CreditCharge) async {
    do {
      try await recorder(charge)
    } catch {
      logger.error(
        "credit charge not recorded",
        ["credits": .double(charge.credits), "operation": .string(charge.operation)])
    }
  }
}
