import Synchronization

extension Logger {
  /// Keeps lines in memory, for tests that assert what was logged.
  public final class MemorySink: Sink {
    private let storage = Mutex<[String]>([])

    /// Creates an empty sink.
    public init() {}

    /// Appends `line`.
    public func write(_ line: String) {
      storage.withLock { $0.append(line) }
    }

    /// Every line written so far, in order, each ending in a newline.
    public var lines: [String] { storage.withLock { $0 } }
  }
}
