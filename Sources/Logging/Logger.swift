// Temporary stand-in until the logging files are merged.
public struct Logger: Sendable {
  public enum Level: Int, Sendable { case debug, info, notice, warning, error }
  public enum Sink: Sendable { case discard, standardError }
  public let label: String
  public let level: Level
  public let sink: Sink
  public init(label: String, level: Level, sink: Sink) {
    self.label = label
    self.level = level
    self.sink = sink
  }
  public func info(_ message: StaticString, _ metadata: [String: String] = [:]) {}
  public func notice(_ message: StaticString, _ metadata: [String: String] = [:]) {}
  public func error(_ message: StaticString, _ metadata: [String: String] = [:]) {}
}
