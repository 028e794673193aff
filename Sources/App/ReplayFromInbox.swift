import Domain
import Foundation
import Ingest
import Storage

/// `replay --from-inbox`: re-processes stored deliveries in place, page by page, with the processor the
/// server uses (no HTTP, no re-verification: they were verified on receipt). Signals stay idempotent.
///
/// When the configuration now gives a delivery's source another payload format than the one it was stored
/// with (an operator corrected a misconfigured source), the delivery is read with the configured format
/// and the change is printed.
enum ReplayFromInbox {
  /// Deliveries per page: ids are streamed, never all loaded at once.
  static let pageSize = 200

  /// Re-processes the selected deliveries; exits 1 when any is still quarantined afterwards.
  static func run(selection: ReplayInboxSelection, configuration: Configuration, output: CLIOutput)
    async throws -> Int32
  {
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    _ = try await database.write { try migrator.migrate($0) }
    let processor = InboxProcessor(
      database: database, clock: SystemClock(),
      ignoredBodyRetention: TimeInterval(configuration.ingest.ignoredBodyRetentionHours) * 3600,
      batchSize: pageSize,
      // Re-processing applies the suppression list as arrival does: an erased person stays erased.
      isSuppressed: ComplianceContext.ingestSuppression(
        Pseudonymizer(pepper: configuration.pepper.revealed)))
    var formats: [String: String] = [:]
    for source in configuration.sources where formats[source.name] == nil {
      formats[source.name] = source.format.rawValue
    }
    var counts: [InboxStatus: Int] = [:]
    var skipped = 0
    var signals = 0
    var afterID: Int64 = 0
    while true {
      let filter = selection.filter(afterID: afterID, limit: pageSize)
      let page = try await database.read { try InboxStore.list(filter, in: $0) }
      guard let last = page.last else { break }
      afterID = last.id
      // Only quarantined deliveries take the source's configured format: they may have failed under a
      // wrong one. A processed delivery keeps the adapter that read it (its signals are numbered by that
      // adapter, and older stored shapes, such as the legacy watcher's, stay readable by their own).
      let corrections = page.compactMap { entry -> (InboxEntry, String)? in
        guard entry.status == .quarantined, let format = formats[entry.source],
          format != entry.format
        else { return nil }
        return (entry, format)
      }
      if !corrections.isEmpty {
        try await database.write { connection in
          try connection.transaction {
            for (entry, format) in corrections {
              try InboxStore.setFormat(id: entry.id, format: format, in: connection)
            }
          }
        }
        for (entry, format) in corrections {
          output.print(
            "inbox \(entry.id)  \(entry.deliveryID)  format \(entry.format) → \(format) (source \(entry.source))"
          )
        }
      }
      let ids = page.map(\.id)
      try await processor.reprocess(ids: ids)
      let updated = try await database.read {
        try InboxStore.list(InboxFilter(ids: ids, limit: ids.count), in: $0)
      }
      let before = Dictionary(page.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      for entry in updated {
        guard let previous = before[entry.id] else { continue }
        if entry.attempts == previous.attempts {
          skipped += 1
          output.print(
            "inbox \(entry.id)  \(entry.deliveryID)  skipped: the body is no longer held (\(entry.status.rawValue))"
          )
          continue
        }
        counts[entry.status, default: 0] += 1
        signals += entry.signalCount
        var line =
          "inbox \(entry.id)  \(entry.deliveryID)  \(previous.status.rawValue) → \(entry.status.rawValue)"
          + "  \(entry.signalCount) signal(s)"
        if entry.status == .quarantined, let error = entry.error { line += "  (\(error))" }
        output.print(line)
      }
    }
    let processed = counts.values.reduce(0, +)
    output.print(
      "re-processed \(processed): processed \(counts[.processed, default: 0]) (\(signals) signals), "
        + "ignored \(counts[.ignored, default: 0]), suppressed \(counts[.suppressed, default: 0]), "
        + "quarantined \(counts[.quarantined, default: 0]); skipped \(skipped)")
    var audited = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    audited["skipped"] = skipped
    try await ReplayAudit.record(
      kind: .inbox, source: selection.source, counts: audited, databasePath: configuration.database,
      environment: ProcessInfo.processInfo.environment)
    return counts[.quarantined, default: 0] > 0 ? CLIExitCode.failure : CLIExitCode.success
  }
}
