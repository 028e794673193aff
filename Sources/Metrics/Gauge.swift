import Synchronization

/// A value that goes up and down, one series per combination of label values.
public final class Gauge: MetricFamily, Sendable {
  /// The metric name.
  public let name: String
  private let help: String
  private let labelNames: [String]
  private let values = Mutex<[[String]: Double]>([:])

  /// Created through `MetricsRegistry.gauge`.
  init(name: String, help: String, labelNames: [String]) {
    self.name = name
    self.help = help
    self.labelNames = labelNames
    if labelNames.isEmpty { values.withLock { $0[[]] = 0 } }
  }

  /// Sets the series with `labels` to `value`.
  public func set(_ value: Double, _ labels: [String] = []) {
    guard labels.count == labelNames.count else { return }
    values.withLock { $0[labels] = value }
  }

  /// Adds `amount` (may be negative) to the series with `labels`.
  public func add(_ amount: Double, _ labels: [String] = []) {
    guard labels.count == labelNames.count else { return }
    values.withLock { $0[labels, default: 0] += amount }
  }

  /// The current value of the series with `labels` (0 when never set).
  public func value(_ labels: [String] = []) -> Double {
    values.withLock { $0[labels] ?? 0 }
  }

  /// Appends this gauge's lines.
  func render(into output: inout String) {
    let samples = values.withLock { $0 }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    Exposition.header(name: name, help: help, type: "gauge", into: &output)
    for (labels, value) in samples {
      Exposition.sample(
        name: name, labelNames: labelNames, labels: labels, value: value, into: &output)
    }
  }
}
