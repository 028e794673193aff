import Foundation
import HTTPClient
import HTTPServer
import Logging
import Signing

/// The sandbox's HTTP surface: the Crustdata-compatible enrich endpoint and the `/_sandbox/` controls.
struct SandboxAPI: Sendable {
  /// The only API version the endpoint accepts (`x-api-version`).
  static let apiVersion = "2025-11-01"
  /// The most profile URLs one enrich call may carry.
  static let maximumBatch = 25
  /// Sections served when a call names no `fields`: everything but the billed contact section.
  static let defaultSections: Set<String> = [
    "basic_profile", "professional_network", "experience", "education", "skills",
  ]

  /// The state everything reads and bills into.
  let state: SandboxState
  /// The command line.
  let options: SandboxOptions
  /// Posts scripted-change deliveries.
  let client: HTTPClient
  /// Signs deliveries; nil when no `--webhook-url` was given.
  let signer: WebhookSigner?
  /// JSON lines to standard error.
  let logger: Logger

  /// Adds every route to `router`.
  func register(in router: inout Router) {
    router.add("POST", "/person/enrich", async: { request in await enrich(request) })
    router.get("/_sandbox/credits") { _ in credits() }
    router.get("/_sandbox/people") { _ in people() }
    router.get("/_sandbox/faults") { _ in
      Response.json(
        status: 200,
        JSONValue.object(["faults": .array(state.faults.map { .string($0.rawValue) })]).encoded())
    }
    router.add("POST", "/_sandbox/people/{id}/change", async: { request in await change(request) })
    router.get("/healthz") { _ in Response.json(status: 200, Array(#"{"status":"ok"}"#.utf8)) }
  }

  /// `POST /person/enrich`: authenticate, draw a fault, validate the batch, answer and bill.
  func enrich(_ request: Request) async -> Response {
    guard authorized(request) else {
      logger.notice("enrich refused without a valid key")
      return .error(status: 401, code: "unauthorized", message: "A valid API key is required.")
    }
    guard request.headers["x-api-version"] == Self.apiVersion else {
      return .error(
        status: 400, code: "unsupported_api_version",
        message: "x-api-version must be \(Self.apiVersion).")
    }
    let fault = state.nextFault()
    switch fault {
    case .none:
      break
    case .rateLimited:
      logger.info("enrich fault injected", ["fault.kind": "429"])
      var response = Response.error(
        status: 429, code: "rate_limited", message: "Too many requests; retry later.")
      response.headers.append((name: "Retry-After", value: "1"))
      return response
    case .serverError:
      logger.info("enrich fault injected", ["fault.kind": "500"])
      return .error(status: 500, code: "internal_error", message: "An injected server error.")
    case .slow:
      logger.info("enrich fault injected", ["fault.kind": "slow"])
      try? await Task.sleep(for: .seconds(options.slowSeconds))
      return .error(status: 504, code: "timeout", message: "An injected slow answer.")
    case .malformed:
      logger.info("enrich fault injected", ["fault.kind": "malformed"])
      return .json(status: 200, Array(#"[{"matched_on":"https://www.linkedin.com/in/"#.utf8))
    }
    guard let body = JSONValue.parse(request.body), body.objectValue != nil else {
      return .error(status: 400, code: "invalid_body", message: "The body is not a JSON object.")
    }
    if body["business_emails"] != nil {
      return .error(
        status: 400, code: "unsupported_identifier",
        message: "The sandbox looks people up by professional_network_profile_urls only.")
    }
    guard let list = body["professional_network_profile_urls"]?.arrayValue else {
      return .error(
        status: 400, code: "missing_identifier",
        message: "professional_network_profile_urls: expected an array of profile URLs.")
    }
    let urls = list.compactMap(\.stringValue)
    guard urls.count == list.count, !urls.isEmpty else {
      return .error(
        status: 400, code: "invalid_profile_url",
        message: "professional_network_profile_urls: expected 1 to 25 strings.")
    }
    guard urls.count <= Self.maximumBatch else {
      return .error(
        status: 400, code: "too_many_identifiers",
        message: "professional_network_profile_urls: at most 25 per call.")
    }
    var sections = Self.defaultSections
    if let fields = body["fields"] {
      guard let names = fields.arrayValue?.compactMap(\.stringValue),
        names.count == fields.arrayValue?.count
      else {
        return .error(status: 400, code: "invalid_fields", message: "fields: expected strings.")
      }
      sections = Set(names.map { String($0.split(separator: ".").first ?? Substring($0)) })
    }
    if options.latencyMilliseconds > 0 {
      try? await Task.sleep(for: .milliseconds(options.latencyMilliseconds))
    }
    switch state.enrich(urls: urls, sections: sections, now: Date()) {
    case .badRequest(let code, let message):
      logger.info("enrich batch refused", ["enrich.profiles": .integer(urls.count)])
      return .error(status: 400, code: code, message: message)
    case .answered(let envelope, let credits):
      let matched = envelope.arrayValue?.filter { $0["matches"]?.arrayValue?.isEmpty == false }
        .count
      logger.info(
        "enrich answered",
        [
          "enrich.profiles": .integer(urls.count), "enrich.matched": .integer(matched ?? 0),
          "enrich.credits": .integer(credits),
          "enrich.contact": .bool(sections.contains("contact")),
        ])
      return .json(status: 200, envelope.encoded())
    }
  }

  /// `GET /_sandbox/credits`: `{"total": N, "entries": [...]}`.
  func credits() -> Response {
    let ledger = state.ledger
    struct Body: Encodable {
      let total: Int
      let entries: [LedgerEntry]
    }
    return .json(status: 200, encoding: Body(total: ledger.total, entries: ledger.entries))
  }

  /// `GET /_sandbox/people`: every person's sandbox id, provider id, profile URL and name.
  func people() -> Response {
    let entries: [JSONValue] = state.people.map { person in
      .object([
        "id": .string(person.key), "profile_url": .string(person.profileURL),
        "crustdata_person_id": person.document["crustdata_person_id"] ?? .null,
        "name": person.document["basic_profile"]?["name"] ?? .null,
      ])
    }
    return .json(status: 200, JSONValue.object(["people": .array(entries)]).encoded())
  }

  /// `POST /_sandbox/people/{id}/change`: edit the served profile, then deliver the signed watch payload.
  func change(_ request: Request) async -> Response {
    let id = request.pathParameters["id"] ?? ""
    guard let person = state.person(id) else {
      return .error(status: 404, code: "not_found", message: "No such person in the sandbox.")
    }
    let now = Date()
    let applied: (person: SandboxPerson, changes: [JSONValue], number: Int)
    do throws(ProfileChange.Failure) {
      let change = try ProfileChange(body: request.body)
      applied = try state.apply(change, to: person.key, now: now)
      let delivery = WatchDelivery(
        person: applied.person, changes: applied.changes, number: applied.number,
        eventID: change.eventID, now: now)
      var answer: [String: JSONValue] = [
        "delivery_id": .string(delivery.id), "person_id": .string(person.key),
        "receiver_status": .null, "delivered": .bool(false),
      ]
      if let url = options.webhookURL, let signer {
        let outcome = await delivery.post(to: url, signer: signer, client: client, now: Date())
        answer["receiver_status"] = outcome.status.map { .integer(Int64($0)) } ?? .null
        answer["delivered"] = .bool(outcome.status.map { (200..<300).contains($0) } ?? false)
        if let error = outcome.error { answer["delivery_error"] = .string(error) }
        logger.info(
          "watch delivery posted",
          [
            "delivery.id": .string(delivery.id), "person.id": .string(person.key),
            "receiver.status": .integer(outcome.status ?? 0),
          ])
      }
      return .json(status: 200, JSONValue.object(answer).encoded())
    } catch {
      return .error(status: error.status, code: error.code, message: error.message)
    }
  }

  /// Whether the request carries `Authorization: Bearer <api key>` (any non-empty token without a key).
  private func authorized(_ request: Request) -> Bool {
    guard let header = request.headers["authorization"], header.hasPrefix("Bearer ") else {
      return false
    }
    let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
    guard !token.isEmpty else { return false }
    guard let apiKey = options.apiKey else { return true }
    return ConstantTime.equals(Array(token.utf8), Array(apiKey.utf8))
  }
}
