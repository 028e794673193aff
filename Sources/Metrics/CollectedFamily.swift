/// A metric family sampled by a collector at scrape time (values that live elsewhere: the database,
/// /proc, another component's counters).
public struct CollectedFamily: Sendable {
  /// The metric type written on the `# TYPE` line.
  public enum Kind: String, Sendable {
    /// A monotonically increasing count.
    case counter
    /// A value that goes up and down.
    case gauge
  }

  /// The metric name.
  public let name: String
  /// The `# HELP` text.
  public let help: String
  /// Counter or gauge.
  public let kind: Kind
  /// The label names of every sample.
  public let labelNames: [String]
  /// The label values (in the order of `labelNames`) and value of each sample.
  public let samples: [(labels: [String], value: Double)]

  /// Creates a family; samples whose label count differs from `labelNames` are dropped when rendering.
  public init(
    name: String, help: String, kind: Kind, labelNames: [String] = [],
    samples: [(labels: [String], value: Double)]
  ) {
    self.name = name
    self.help = help
    self.kind = kind
    self.labelNames = labelNames
    self.samples = samples
  }

  /// Appends the HELP, TYPE and sample lines.
  func render(into output: inout String) {
    Exposition.header(name: name, help: help, type: kind.rawValue, into: &output)
    for sample in samples where sample.labels.count == labelNames.count {
      Exposition.sample(
        name: name, labelNames: labelNames, labels: sample.labels, value: sample.value,
        into: &output)
    }
  }
}
