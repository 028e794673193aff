import Synchronization

/// The metrics of one process: counters, gauges and histograms with labels, plus collectors sampled at
/// scrape time, rendered in the Prometheus text exposition format (version 0.0.4).
///
/// Registering is done at start-up; recording on the hot path takes one small lock per metric family.
/// Registering a name twice returns the first metric when its kind and labels match.
public final class MetricsRegistry: Sendable {
  /// Everything registered, in registration order.
  private let families = Mutex<[any MetricFamily]>([])
  /// Scrape-time collectors, in registration order.
  private let collectors = Mutex<[Collector]>([])

  /// A collector: the families it describes and the closure that samples them.
  private struct Collector: Sendable {
    let sample: @Sendable () -> [CollectedFamily]
  }

  /// Creates an empty registry.
  public init() {}

  /// A counter named `name` (end it with `_total`) with `labelNames`.
  public func counter(_ name: String, help: String, labelNames: [String] = []) -> Counter {
    register(name) { Counter(name: name, help: help, labelNames: labelNames) }
  }

  /// A gauge named `name` with `labelNames`.
  public func gauge(_ name: String, help: String, labelNames: [String] = []) -> Gauge {
    register(name) { Gauge(name: name, help: help, labelNames: labelNames) }
  }

  /// A histogram named `name` with `labelNames` and upper bucket bounds `buckets` (ascending; `+Inf` is added).
  public func histogram(
    _ name: String, help: String, labelNames: [String] = [],
    buckets: [Double] = Histogram.defaultBuckets
  ) -> Histogram {
    register(name) {
      Histogram(name: name, help: help, labelNames: labelNames, buckets: buckets)
    }
  }

  /// Adds a collector sampled at every scrape (values read from the database, /proc, other counters).
  public func collect(_ sample: @escaping @Sendable () -> [CollectedFamily]) {
    collectors.withLock { $0.append(Collector(sample: sample)) }
  }

  /// The exposition of every metric and collector: `# HELP`, `# TYPE`, then the samples.
  public func render() -> String {
    var output = ""
    for family in families.withLock({ $0 }) {
      family.render(into: &output)
    }
    for collector in collectors.withLock({ $0 }) {
      for family in collector.sample() {
        family.render(into: &output)
      }
    }
    return output
  }

  /// The family called `name`, created by `make` when new.
  private func register<Family: MetricFamily>(_ name: String, make: () -> Family) -> Family {
    families.withLock { families in
      if let existing = families.first(where: { $0.name == name }) as? Family { return existing }
      let family = make()
      families.append(family)
      return family
    }
  }
}

/// A registered metric that can write itself in the exposition format.
protocol MetricFamily: Sendable {
  /// The metric name.
  var name: String { get }
  /// Appends the HELP, TYPE and sample lines.
  func render(into output: inout String)
}
