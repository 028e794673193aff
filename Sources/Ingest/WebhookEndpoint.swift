public import Domain
public import HTTPServer
public import Logging
import Signing
import Storage

/// `POST /webhooks/{source}`: verifies a delivery over its raw bytes and answers only after it is committed.
///
/// Runs on the HTTP server's threads: verification is CPU only; the append is handed to the group-commit
/// writer and the response is sent from the writer thread once the transaction has committed.
public struct WebhookEndpoint: Sendable {
  private let sources: SourceTable
  private let writer: InboxWriter
  private let clock: any Clock
  private let logger: Logger
  private let counters: IngestCounters

  /// Creates the endpoint for the configured sources.
  public init(
    sources: [IngestSource], writer: InboxWriter, clock: any Clock, logger: Logger,
    counters: IngestCounters
  ) {
    self.init(
      sourceTable: SourceTable(sources), writer: writer, clock: clock, logger: logger,
      counters: counters)
  }

  /// Creates the endpoint over a shared, replaceable table of sources (see `SourceTable.replace`).
  public init(
    sourceTable: SourceTable, writer: InboxWriter, clock: any Clock, logger: Logger,
    counters: IngestCounters
  ) {
    self.sources = sourceTable
    self.writer = writer
    self.clock = clock
    self.logger = logger
    self.counters = counters
  }

  /// Adds the route to `router`.
  public func register(in router: inout Router) {
    let endpoint = self
    router.add("POST", "/webhooks/{source}") { request, response in
      endpoint.handle(request, response)
    }
  }

  /// Handles one delivery.
  func handle(_ request: Request, _ response: ResponseWriter) {
    let name = request.pathParameters["source"] ?? ""
    guard let source = sources.source(named: name) else {
      response.send(
        .error(status: 404, code: "unknown_source", message: "No webhook source has this name."))
      return
    }
    let now = clock.now()
    let verified: VerifiedDelivery
    do {
      verified = try source.verifier.verify(
        header: { request.headers[$0] }, body: request.body, now: now)
    } catch {
      counters.record(source: name, outcome: .refused)
      counters.recordFailure(source: name, reason: error.reason)
      logger.notice(
        "webhook delivery refused",
        [
          "webhook.source": .string(name), "webhook.reason": .string(error.reason),
          "request.id": .string(request.id),
        ])
      response.send(
        .error(status: error.httpStatus, code: error.reason, message: Self.sentence(for: error)))
      return
    }
    var kept: [String: String] = [:]
    for header in source.keptHeaderNames {
      if let value = request.headers[header] { kept[header] = String(value.prefix(256)) }
    }
    let delivery = InboxDelivery(
      source: name, deliveryID: verified.deliveryID, scheme: source.scheme.rawValue,
      format: source.format, receivedAt: now, signedAt: verified.signedAt, headers: kept,
      body: request.body)
    let counters = counters
    let logger = logger
    let requestID = request.id
    writer.append(delivery) { result in
      switch result {
      case .success(.accepted(let id)):
        counters.record(source: name, outcome: .accepted)
        response.send(.json(status: 202, Array("{\"status\":\"accepted\",\"id\":\(id)}".utf8)))
      case .success(.duplicate(let id)):
        counters.record(source: name, outcome: .duplicate)
        response.send(.json(status: 200, Array("{\"status\":\"duplicate\",\"id\":\(id)}".utf8)))
      case .failure:
        counters.record(source: name, outcome: .failed)
        logger.error(
          "webhook delivery could not be stored",
          ["webhook.source": .string(name), "request.id": .string(requestID)])
        response.send(
          .error(
            status: 503, code: "store_unavailable",
            message: "The delivery could not be stored; retry later."))
      }
    }
  }

  private static func sentence(for failure: VerificationFailure) -> String {
    switch failure.httpStatus {
    case 400: "A required webhook header is missing or malformed."
    default: "The webhook signature or timestamp could not be verified."
    }
  }
}
