import Synchronization

/// A monotonically increasing count, one series per combination of label values.
public final class Counter: MetricFamily, Sendable {
  /// The metric name.
  public let name: String
  private let help: String
  private let labelNames: [String]
  private let values = Mutex<[[String]: Double]>([:])

  /// Created through `MetricsRegistry.counter`.
  init(name: String, help: String, labelNames: [String]) {
    self.name = name
    self.help = help
    self.labelNames = labelNames
    if labelNames.isEmpty { values.withLock { $0[[]] = 0 } }
  }

  /// Adds `amount` (not negative; a negative amount is ignored) to the series with `labels`, given in
  /// the order of the label names.
  public func increment(_ labels: [String] = [], by amount: Double = 1) {
    guard amount >= 0, labels.count == labelNames.count else { return }
    values.withLock { $0[labels, default: 0] += amount }
  }

  /// The current value of the series with `labels` (0 when never incremented).
  public func value(_ labels: [String] = []) -> Double {
    values.withLock { $0[labels] ?? 0 }
  }

  /// Appends this counter's lines.
  func render(into output: inout String) {
    let samples = values.withLock { $0 }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    Exposition.header(name: name, help: help, type: "counter", into: &output)
    for (labels, value) in samples {
      Exposition.sample(
        name: name, labelNames: labelNames, labels: labels, value: value, into: &output)
    }
  }
}
