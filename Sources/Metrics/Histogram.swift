import Synchronization

/// Observations counted into cumulative buckets, with their sum and count, per label values.
public final class Histogram: MetricFamily, Sendable {
  /// Bucket bounds suited to request latencies in seconds (Prometheus' defaults).
  public static let defaultBuckets: [Double] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
  ]

  /// One series: non-cumulative bucket counts (the last is `+Inf`), sum and count.
  private struct Series {
    var counts: [UInt64]
    var sum: Double = 0
    var count: UInt64 = 0
  }

  /// The metric name.
  public let name: String
  private let help: String
  private let labelNames: [String]
  private let bounds: [Double]
  private let series = Mutex<[[String]: Series]>([:])

  /// Created through `MetricsRegistry.histogram`; bounds are sorted, deduplicated and finite.
  init(name: String, help: String, labelNames: [String], buckets: [Double]) {
    self.name = name
    self.help = help
    self.labelNames = labelNames
    self.bounds = Array(Set(buckets.filter(\.isFinite))).sorted()
  }

  /// Records one observation (NaN is ignored) in the series with `labels`.
  public func observe(_ value: Double, _ labels: [String] = []) {
    guard !value.isNaN, labels.count == labelNames.count else { return }
    var index = bounds.count
    for (position, bound) in bounds.enumerated() where value <= bound {
      index = position
      break
    }
    let size = bounds.count + 1
    series.withLock { series in
      series[labels, default: Series(counts: Array(repeating: 0, count: size))].counts[index] += 1
      series[labels]?.sum += value
      series[labels]?.count += 1
    }
  }

  /// How many observations the series with `labels` has.
  public func count(_ labels: [String] = []) -> UInt64 {
    series.withLock { $0[labels]?.count ?? 0 }
  }

  /// Appends this histogram's lines: cumulative `_bucket{le=...}`, `_sum`, `_count` per series.
  func render(into output: inout String) {
    let all = series.withLock { $0 }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    Exposition.header(name: name, help: help, type: "histogram", into: &output)
    let bucketNames = labelNames + ["le"]
    for (labels, entry) in all {
      var cumulative: UInt64 = 0
      for (position, count) in entry.counts.enumerated() {
        cumulative += count
        let bound = position < bounds.count ? Exposition.number(bounds[position]) : "+Inf"
        Exposition.sample(
          name: name + "_bucket", labelNames: bucketNames, labels: labels + [bound],
          value: Double(cumulative), into: &output)
      }
      Exposition.sample(
        name: name + "_sum", labelNames: labelNames, labels: labels, value: entry.sum, into: &output
      )
      Exposition.sample(
        name: name + "_count", labelNames: labelNames, labels: labels, value: Double(entry.count),
        into: &output)
    }
  }
}
