public import Domain

/// A structured logger: constant messages, data in dotted metadata keys, one JSON object per line.
///
/// A value that is cheap to copy and pass in: `logger.info("delivery stored", ["webhook.id": "\(id)"])`.
/// Values under sensitive keys are written as `[redacted]` (see `Logger.Redaction`).
public struct Logger: Sendable {
  /// Data attached to a line, keyed by dotted names (`webhook.id`, `source.name`).
  public typealias Metadata = [String: Value]

  /// What part of talentwatch is writing (`ingest`, `cli`).
  public let label: String
  /// Lines less important than this are dropped.
  public let level: LogLevel
  /// Where finished lines go.
  public let sink: any Sink
  /// Metadata added to every line of this logger (a line's own keys win).
  public let metadata: Metadata
  /// Where the time of each line comes from.
  private let clock: any Clock

  /// Creates a logger writing to `sink` (standard error by default).
  public init(
    label: String, level: LogLevel = .info, sink: any Sink = StandardErrorSink.shared,
    metadata: Metadata = [:], clock: any Clock = SystemClock()
  ) {
    self.label = label
    self.level = level
    self.sink = sink
    self.metadata = metadata
    self.clock = clock
  }

  /// The same logger under another label, for a part of the program.
  public func labeled(_ label: String) -> Logger {
    Logger(label: label, level: level, sink: sink, metadata: metadata, clock: clock)
  }

  /// The same logger with `metadata` added to every line.
  public func adding(_ metadata: Metadata) -> Logger {
    Logger(
      label: label, level: level, sink: sink, metadata: self.metadata.merging(metadata) { $1 },
      clock: clock)
  }

  /// Whether a line at `level` would be written.
  public func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

  /// Writes one line at `level` when the logger's level lets it through.
  public func log(_ level: LogLevel, _ message: StaticString, _ metadata: Metadata = [:]) {
    guard isEnabled(level) else { return }
    let merged = self.metadata.merging(metadata) { $1 }
    sink.write(
      Self.render(
        time: clock.now(), level: level, label: label, message: "\(message)", metadata: merged))
  }

  /// Writes a `debug` line.
  public func debug(_ message: StaticString, _ metadata: Metadata = [:]) {
    log(.debug, message, metadata)
  }

  /// Writes an `info` line.
  public func info(_ message: StaticString, _ metadata: Metadata = [:]) {
    log(.info, message, metadata)
  }

  /// Writes a `notice` line.
  public func notice(_ message: StaticString, _ metadata: Metadata = [:]) {
    log(.notice, message, metadata)
  }

  /// Writes a `warning` line.
  public func warning(_ message: StaticString, _ metadata: Metadata = [:]) {
    log(.warning, message, metadata)
  }

  /// Writes an `error` line.
  public func error(_ message: StaticString, _ metadata: Metadata = [:]) {
    log(.error, message, metadata)
  }
}
