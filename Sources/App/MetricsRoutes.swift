import Domain
import Foundation
import HTTPServer
import Ingest
import Metrics
import Storage

/// `GET /metrics`: the Prometheus exposition of the service metrics, with the inbox sampled per scrape.
struct MetricsRoutes: Sendable {
  /// The service's metrics.
  let metrics: ServiceMetrics
  /// The database the inbox figures are read from.
  let database: Database
  /// The service's clock, for the age of the oldest pending delivery.
  let clock: any Clock
  /// Gauges set at each scrape.
  private let inboxDepth: Gauge
  private let oldestPendingAge: Gauge

  /// Registers the inbox gauges and the receiver's counters on `metrics`.
  init(metrics: ServiceMetrics, database: Database, clock: any Clock, counters: IngestCounters) {
    self.metrics = metrics
    self.database = database
    self.clock = clock
    inboxDepth = metrics.registry.gauge(
      "talentwatch_inbox_deliveries", help: "Stored deliveries by status.", labelNames: ["status"])
    oldestPendingAge = metrics.registry.gauge(
      "talentwatch_inbox_oldest_pending_age_seconds",
      help: "Age of the oldest pending delivery in seconds (0 when none is pending).")
    metrics.registry.collect {
      [
        CollectedFamily(
          name: "talentwatch_webhook_deliveries_total",
          help: "Webhook requests by source and outcome (accepted, duplicate, refused, failed).",
          kind: .counter, labelNames: ["source", "outcome"],
          samples: counters.receivedCounts.map { ([$0.source, $0.outcome], Double($0.count)) }),
        CollectedFamily(
          name: "talentwatch_webhook_verification_failures_total",
          help: "Webhook verification failures by source and reason.", kind: .counter,
          labelNames: ["source", "reason"],
          samples: counters.failureCounts.map { ([$0.source, $0.reason], Double($0.count)) }),
      ]
    }
  }

  /// Adds the route to `router`.
  func register(in router: inout Router) {
    let routes = self
    router.add("GET", "/metrics") { (_: Request) async -> Response in
      await routes.sampleInbox()
      return Response(
        status: 200, headers: [(name: "content-type", value: Exposition.contentType)],
        body: Array(routes.metrics.registry.render().utf8))
    }
  }

  /// Brings the work counters up to the totals recorded in the database (the refresh, matching,
  /// notification and retention code write rows, and `/metrics` counts them at scrape time).
  private func syncTotals(_ totals: OperationalTotals) {
    func sync(_ counter: Counter, _ labels: [String], to total: Double) {
      let gap = total - counter.value(labels)
      if gap > 0 { counter.increment(labels, by: gap) }
    }
    for (reason, count) in totals.planItemsByReason {
      sync(metrics.planItems, ["refresh", reason], to: Double(count))
    }
    for (operation, count) in totals.chargedCallsByOperation {
      sync(metrics.enrichmentCalls, [operation], to: Double(count))
    }
    sync(metrics.enrichmentCreditsSpent, [], to: totals.creditsSpent)
    sync(metrics.scoresWritten, [], to: Double(totals.scoresWritten))
    for (channel, states) in totals.deliveriesByChannelAndState {
      for (state, count) in states where state == "delivered" || state == "dead" {
        sync(metrics.notifications, [channel, state], to: Double(count))
      }
    }
    sync(metrics.notificationsDeadLettered, [], to: Double(totals.deadLettered))
    for (kind, count) in totals.purgesByKind {
      sync(metrics.retentionPurges, [kind], to: Double(count))
    }
  }

  /// Reads the inbox depth and the oldest pending delivery; a failed read leaves the last values.
  private func sampleInbox() async {
    let sample = try? await database.read { connection in
      (
        try InboxStore.countByStatus(in: connection),
        try InboxStore.oldestPendingReceivedAt(in: connection)
      )
    }
    if let totals = try? await database.read({ try OperationalTotals.read(in: $0) }) {
      syncTotals(totals)
    }
    guard let (counts, oldest) = sample else { return }
    for status in InboxStatus.allCases {
      inboxDepth.set(Double(counts[status] ?? 0), [status.rawValue])
    }
    oldestPendingAge.set(oldest.map { max(0, clock.now().timeIntervalSince($0)) } ?? 0)
  }
}
