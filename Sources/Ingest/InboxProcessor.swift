public import Domain
public import Foundation
public import Storage

/// Turns stored deliveries into signals: runs each delivery's format adapter, resolves the people it
/// names to candidates we hold, and records the outcome. Idempotent: processing a delivery again never
/// writes a second signal.
public struct InboxProcessor: Sendable {
  private let database: Database
  private let clock: any Clock
  private let ignoredBodyRetention: TimeInterval
  private let batchSize: Int
  private let adapters: @Sendable (String) -> (any PayloadAdapter)?
  private let isSuppressed: @Sendable (PersonReference, Connection) throws -> Bool
  private let observeLag: @Sendable (_ seconds: Double) -> Void

  /// Creates a processor; `adapters` finds the adapter for a stored format (the built-in ones by default);
  /// `isSuppressed` says, inside the processing transaction, whether a person was erased (nobody by default).
  public init(
    database: Database, clock: any Clock, ignoredBodyRetention: TimeInterval = 24 * 3600,
    batchSize: Int = 200,
    adapters: @escaping @Sendable (String) -> (any PayloadAdapter)? = PayloadAdapters.adapter(for:),
    isSuppressed: @escaping @Sendable (PersonReference, Connection) throws -> Bool = { _, _ in false
    },
    observeLag: @escaping @Sendable (_ seconds: Double) -> Void = { _ in }
  ) {
    self.observeLag = observeLag
    self.adapters = adapters
    self.isSuppressed = isSuppressed
    self.database = database
    self.clock = clock
    self.ignoredBodyRetention = ignoredBodyRetention
    self.batchSize = max(1, batchSize)
  }

  /// Processes up to one batch of pending deliveries; returns how many were processed.
  @discardableResult
  public func processPending() async throws -> Int {
    let limit = batchSize
    let entries = try await database.read { connection in
      try InboxStore.pending(limit: limit, in: connection)
    }
    return try await process(entries)
  }

  /// Processes every pending delivery, batch after batch; returns the total.
  @discardableResult
  public func drain() async throws -> Int {
    var total = 0
    while true {
      let count = try await processPending()
      total += count
      if count == 0 { return total }
    }
  }

  /// Processes the given deliveries again, whatever their status (operator replay from the inbox).
  /// Deliveries whose body was deleted (suppressed or expired) are skipped; returns how many were processed.
  @discardableResult
  public func reprocess(ids: [Int64]) async throws -> Int {
    let entries = try await database.read { connection in
      try ids.compactMap { try InboxStore.find(id: $0, in: connection) }.filter { $0.body != nil }
    }
    return try await process(entries)
  }

  private func process(_ entries: [InboxEntry]) async throws -> Int {
    if entries.isEmpty { return 0 }
    let decoded: [(InboxEntry, Result<DecodedDelivery, AdapterError>)] = entries.map { entry in
      (entry, decode(entry))
    }
    let now = clock.now()
    let retention = ignoredBodyRetention
    let isSuppressed = isSuppressed
    try await database.write { connection in
      try connection.transaction {
        let results = try decoded.map { entry, outcome in
          try DeliveryDecision.decide(
            entry: entry, decoded: outcome,
            resolve: { try CandidateIdentityStore.resolve($0, in: connection) },
            now: now, ignoredBodyRetention: retention,
            isSuppressed: { try isSuppressed($0, connection) })
        }
        try InboxStore.record(results, in: connection)
      }
    }
    // Seconds from receipt to processing, per delivery (the signal-processing lag metric).
    for entry in entries { observeLag(max(0, now.timeIntervalSince(entry.receivedAt))) }
    return entries.count
  }

  private func decode(_ entry: InboxEntry) -> Result<DecodedDelivery, AdapterError> {
    guard let adapter = adapters(entry.format) else {
      return .failure(AdapterError(reason: "no adapter for format \"\(entry.format)\""))
    }
    guard let body = entry.body else {
      return .failure(AdapterError(reason: "the body is no longer held"))
    }
    do {
      return .success(try adapter.decode(body))
    } catch {
      return .failure(error)
    }
  }
}
