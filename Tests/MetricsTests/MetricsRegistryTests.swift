import Metrics
import Testing

@Suite("the metrics registry and its Prometheus exposition")
struct MetricsRegistryTests {
  @Test(
    "a counter renders HELP, TYPE and one line per label set, sorted, starting at zero without labels"
  )
  func counterExposition() {
    let registry = MetricsRegistry()
    let plain = registry.counter("jobs_total", help: "Jobs run.")
    let labeled = registry.counter(
      "deliveries_total", help: "Deliveries.", labelNames: ["source", "outcome"])
    labeled.increment(["partner", "accepted"])
    labeled.increment(["crustdata", "refused"], by: 2)
    labeled.increment(["partner", "accepted"])
    #expect(plain.value() == 0)
    #expect(labeled.value(["partner", "accepted"]) == 2)
    #expect(
      registry.render() == """
        # HELP jobs_total Jobs run.
        # TYPE jobs_total counter
        jobs_total 0
        # HELP deliveries_total Deliveries.
        # TYPE deliveries_total counter
        deliveries_total{source="crustdata",outcome="refused"} 2
        deliveries_total{source="partner",outcome="accepted"} 2

        """)
  }

  @Test("a counter ignores negative increments and label lists of the wrong length")
  func counterGuards() {
    let counter = MetricsRegistry().counter("x_total", help: "x", labelNames: ["a"])
    counter.increment(["v"], by: -1)
    counter.increment([])
    counter.increment(["v", "w"])
    #expect(counter.value(["v"]) == 0)
  }

  @Test(
    "label values escape backslash, double quote and newline; HELP escapes backslash and newline")
  func escaping() {
    let registry = MetricsRegistry()
    registry.gauge("g", help: "line one\nback\\slash", labelNames: ["path"])
      .set(1.5, ["a\"b\\c\nd"])
    #expect(
      registry.render() == """
        # HELP g line one\\nback\\\\slash
        # TYPE g gauge
        g{path="a\\"b\\\\c\\nd"} 1.5

        """)
  }

  @Test("a histogram renders cumulative buckets with le labels, +Inf, _sum and _count")
  func histogramExposition() {
    let registry = MetricsRegistry()
    let histogram = registry.histogram(
      "latency_seconds", help: "Latency.", labelNames: ["route"], buckets: [0.5, 0.1])
    histogram.observe(0.05, ["/a"])
    histogram.observe(0.1, ["/a"])
    histogram.observe(0.3, ["/a"])
    histogram.observe(7, ["/a"])
    histogram.observe(.nan, ["/a"])
    #expect(histogram.count(["/a"]) == 4)
    #expect(
      registry.render() == """
        # HELP latency_seconds Latency.
        # TYPE latency_seconds histogram
        latency_seconds_bucket{route="/a",le="0.1"} 2
        latency_seconds_bucket{route="/a",le="0.5"} 3
        latency_seconds_bucket{route="/a",le="+Inf"} 4
        latency_seconds_sum{route="/a"} 7.45
        latency_seconds_count{route="/a"} 4

        """)
  }

  @Test("registering a name twice returns the same metric")
  func idempotentRegistration() {
    let registry = MetricsRegistry()
    registry.counter("c_total", help: "c").increment()
    registry.counter("c_total", help: "c").increment()
    #expect(registry.counter("c_total", help: "c").value() == 2)
    #expect(
      registry.render().split(separator: "\n").filter { $0.hasPrefix("# TYPE c_total") }.count == 1)
  }

  @Test("collectors are sampled at every scrape")
  func collectors() {
    let registry = MetricsRegistry()
    let source = registry.gauge("source", help: "s")
    registry.collect {
      [
        CollectedFamily(
          name: "mirror", help: "m", kind: .gauge, samples: [([], source.value() * 2)])
      ]
    }
    source.set(2)
    #expect(registry.render().contains("mirror 4\n"))
    source.set(5)
    #expect(registry.render().contains("mirror 10\n"))
  }

  @Test("numbers: integers without a fraction, infinities and NaN spelled the Prometheus way")
  func numbers() {
    #expect(Exposition.number(3) == "3")
    #expect(Exposition.number(0.25) == "0.25")
    #expect(Exposition.number(.infinity) == "+Inf")
    #expect(Exposition.number(-.infinity) == "-Inf")
    #expect(Exposition.number(.nan) == "NaN")
  }

  @Test("the service metrics register every hook and the process figures")
  func serviceMetrics() {
    let metrics = ServiceMetrics()
    metrics.observe(method: "BREW", route: "/x", status: 418, seconds: 0.001)
    metrics.planItems.increment(["refresh", "job_change"])
    let text = metrics.registry.render()
    for name in [
      "talentwatch_http_request_duration_seconds", "talentwatch_signal_processing_lag_seconds",
      "talentwatch_plan_items_total", "talentwatch_enrichment_calls_total",
      "talentwatch_enrichment_credits_spent_total", "talentwatch_enrichment_errors_total",
      "talentwatch_match_scores_written_total", "talentwatch_notifications_total",
      "talentwatch_notifications_dead_lettered_total", "talentwatch_retention_purges_total",
      "process_resident_memory_bytes", "process_open_fds", "talentwatch_uptime_seconds",
    ] {
      #expect(text.contains("# TYPE \(name) "), "missing \(name)")
    }
    #expect(text.contains(#"method="OTHER",route="/x",status="418""#))
    #expect(
      text.contains(#"talentwatch_plan_items_total{decision="refresh",reason="job_change"} 1"#))
  }
}
