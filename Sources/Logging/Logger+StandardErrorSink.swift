import Synchronization

#if canImport(Glibc)
  import Glibc

  /// The C library's `write(2)`, named apart from `Sink.write(_:)`.
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin

  /// The C library's `write(2)`, named apart from `Sink.write(_:)`.
  private let systemWrite = Darwin.write
#endif

extension Logger {
  /// Writes lines to standard error: one `write(2)` per line under a lock, so lines never interleave.
  public final class StandardErrorSink: Sink {
    /// The process-wide sink; every logger shares its lock.
    public static let shared = StandardErrorSink()

    /// Serializes writes so a line that takes several `write(2)` calls stays whole.
    private let lock = Mutex(())

    private init() {}

    /// Writes `line` to file descriptor 2, retrying short writes and interruptions.
    public func write(_ line: String) {
      var bytes = Array(line.utf8)
      lock.withLock { _ in
        bytes.withUnsafeMutableBytes { buffer in
          guard let base = buffer.baseAddress else { return }
          var offset = 0
          while offset < buffer.count {
            let written = systemWrite(2, base + offset, buffer.count - offset)
            if written > 0 {
              offset += written
            } else if written < 0 && errno == EINTR {
              continue
            } else {
              return  // Standard error is gone; there is nowhere left to report it.
            }
          }
        }
      }
    }
  }
}
