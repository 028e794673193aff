#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command prints: standard output for its results, standard error for diagnostics.
///
/// Injected so tests can capture what a command prints without a child process.
struct CLIOutput: Sendable {
  /// Receives text for standard output.
  let standardOutput: @Sendable (String) -> Void
  /// Receives text for standard error.
  let standardError: @Sendable (String) -> Void

  /// The process's file descriptors 1 and 2, written unbuffered.
  static let process = CLIOutput(
    standardOutput: { writeAll($0, to: 1) }, standardError: { writeAll($0, to: 2) })

  /// Prints `text` and a newline on standard output.
  func print(_ text: String) { standardOutput(text + "\n") }

  /// Prints `text` and a newline on standard error.
  func printError(_ text: String) { standardError(text + "\n") }

  /// Writes all of `text` to `descriptor`, retrying short writes; gives up silently if the descriptor is gone.
  private static func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, base + offset, buffer.count - offset)
        if written > 0 {
          offset += written
        } else if !(written < 0 && errno == EINTR) {
          return
        }
      }
    }
  }
}
