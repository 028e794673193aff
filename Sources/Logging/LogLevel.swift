/// How important a log line is; lines below a logger's level are dropped.
public enum LogLevel: String, Sendable, CaseIterable, Comparable {
  /// Detail for developers chasing a problem.
  case debug
  /// Normal operation worth a line: a service started, a batch processed.
  case info
  /// Something out of the ordinary that needs no action: a duplicate delivery, a retry.
  case notice
  /// Something that may need action: a development pepper, a quarantined delivery.
  case warning
  /// An operation failed.
  case error

  /// Position in severity order, for comparison.
  private var severity: Int {
    switch self {
    case .debug: 0
    case .info: 1
    case .notice: 2
    case .warning: 3
    case .error: 4
    }
  }

  /// Whether `lhs` is less severe than `rhs`.
  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.severity < rhs.severity }
}
