/// The metrics every part of talentwatch records into, registered once at start-up.
///
/// Components receive this object (or the one metric they need) and record; `/metrics` renders the
/// registry. The hooks for capabilities built later are registered here already so their names are
/// stable and they show up (at zero or without series) from day one.
public final class ServiceMetrics: Sendable {
  /// The registry everything below is registered on.
  public let registry: MetricsRegistry

  /// `talentwatch_http_request_duration_seconds{method,route,status}`: latency per route pattern.
  public let requestDuration: Histogram
  /// `talentwatch_signal_processing_lag_seconds`: from a delivery's receipt to its processing.
  public let signalProcessingLag: Histogram
  /// `talentwatch_plan_items_total{decision,reason}`: the delta planner's decisions.
  public let planItems: Counter
  /// `talentwatch_enrichment_calls_total{outcome}`: calls to the enrichment provider.
  public let enrichmentCalls: Counter
  /// `talentwatch_enrichment_credits_spent_total`: provider credits spent.
  public let enrichmentCreditsSpent: Counter
  /// `talentwatch_enrichment_errors_total{kind}`: failed enrichment calls by error kind.
  public let enrichmentErrors: Counter
  /// `talentwatch_match_scores_written_total`: advisory scores stored by the re-matcher.
  public let scoresWritten: Counter
  /// `talentwatch_notifications_total{channel,outcome}`: recruiter notifications sent or failed.
  public let notifications: Counter
  /// `talentwatch_notifications_dead_lettered_total`: notifications given up on.
  public let notificationsDeadLettered: Counter
  /// `talentwatch_retention_purges_total{kind}`: records purged by retention and erasure.
  public let retentionPurges: Counter
  /// `talentwatch_config_reloads_total{outcome}`: SIGHUP reloads.
  public let configurationReloads: Counter

  /// Registers every service metric and the process collector on `registry`.
  public init(registry: MetricsRegistry = MetricsRegistry()) {
    self.registry = registry
    requestDuration = registry.histogram(
      "talentwatch_http_request_duration_seconds",
      help: "HTTP request latency by method, route pattern and status.",
      labelNames: ["method", "route", "status"])
    signalProcessingLag = registry.histogram(
      "talentwatch_signal_processing_lag_seconds",
      help: "Seconds from receiving a delivery to processing its signal.",
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600])
    planItems = registry.counter(
      "talentwatch_plan_items_total", help: "Refresh plan items by decision and reason.",
      labelNames: ["decision", "reason"])
    enrichmentCalls = registry.counter(
      "talentwatch_enrichment_calls_total", help: "Enrichment provider calls by outcome.",
      labelNames: ["outcome"])
    enrichmentCreditsSpent = registry.counter(
      "talentwatch_enrichment_credits_spent_total", help: "Enrichment provider credits spent.")
    enrichmentErrors = registry.counter(
      "talentwatch_enrichment_errors_total", help: "Failed enrichment calls by error kind.",
      labelNames: ["kind"])
    scoresWritten = registry.counter(
      "talentwatch_match_scores_written_total", help: "Advisory match scores written.")
    notifications = registry.counter(
      "talentwatch_notifications_total", help: "Recruiter notifications by channel and outcome.",
      labelNames: ["channel", "outcome"])
    notificationsDeadLettered = registry.counter(
      "talentwatch_notifications_dead_lettered_total",
      help: "Recruiter notifications given up on after their retries.")
    retentionPurges = registry.counter(
      "talentwatch_retention_purges_total",
      help: "Records purged by retention or erasure, by kind.",
      labelNames: ["kind"])
    configurationReloads = registry.counter(
      "talentwatch_config_reloads_total", help: "Configuration reloads on SIGHUP by outcome.",
      labelNames: ["outcome"])
    ProcessMetrics.register(on: registry)
  }

  /// Records one HTTP request; unusual methods are folded into `OTHER` to bound the series.
  public func observe(method: String, route: String, status: Int, seconds: Double) {
    let known = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    let label = known.contains(method) ? method : "OTHER"
    requestDuration.observe(seconds, [label, route, String(status)])
  }
}
