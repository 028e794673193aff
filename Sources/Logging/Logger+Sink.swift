extension Logger {
  /// Where finished log lines go: standard error in the program, memory in tests.
  public protocol Sink: Sendable {
    /// Writes one complete line (it ends in a newline) atomically with respect to other lines.
    func write(_ line: String)
  }
}
