import Synchronization

/// Prints a replay's progress: one plain line per delivery, or on a terminal a progress bar with only the
/// deliveries that went wrong printed above it; then the summary.
final class ReplayReporter: Sendable {
  private let output: CLIOutput
  private let total: Int
  private let terminal: Bool
  private let tally = Mutex(ReplayTally())

  /// A reporter for `total` deliveries; `terminal` when standard output is a terminal.
  init(output: CLIOutput, total: Int, terminal: Bool) {
    self.output = output
    self.total = total
    self.terminal = terminal
  }

  /// Counts and prints one delivery (called from the senders' tasks; the lock keeps lines whole and ordered).
  func report(_ outcome: ReplaySender.Outcome) {
    tally.withLock { tally in
      tally.count(outcome.answer)
      let line = Self.line(outcome)
      if terminal {
        let wentWrong = outcome.answer == .rejected || outcome.answer == .failed
        output.standardOutput("\r\u{1B}[K" + (wentWrong ? line + "\n" : "") + bar(tally))
      } else {
        output.print(line)
      }
    }
  }

  /// Prints the summary and returns the counts.
  func finish(elapsed: Duration, dryRun: Bool) -> ReplayTally {
    let counts = tally.withLock { $0 }
    if terminal { output.standardOutput("\r\u{1B}[K") }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = seconds > 0 ? Int(Double(counts.total) / seconds) : counts.total
    if dryRun {
      output.print(
        "dry run: \(counts.skipped) signed, nothing sent; failed \(counts.failed) "
          + "(\(ReplayReporter.format(seconds)) s, \(rate)/s)")
    } else {
      output.print(
        "replayed \(counts.total): accepted \(counts.accepted), duplicate \(counts.duplicate), "
          + "rejected \(counts.rejected), failed \(counts.failed) "
          + "(\(ReplayReporter.format(seconds)) s, \(rate)/s)")
    }
    return counts
  }

  /// `evt_1  accepted 202  3.2 ms  fixtures/webhooks/x.body`, plus the reason when it failed.
  static func line(_ outcome: ReplaySender.Outcome) -> String {
    let milliseconds =
      Double(outcome.latency.components.seconds) * 1000
      + Double(outcome.latency.components.attoseconds) / 1e15
    var text =
      "\(outcome.deliveryID)  \(outcome.answer.rawValue)"
      + (outcome.status.map { " \($0)" } ?? "") + "  \(format(milliseconds)) ms  \(outcome.path)"
    if let reason = outcome.reason { text += "  (\(reason))" }
    return text
  }

  private func bar(_ tally: ReplayTally) -> String {
    let width = 30
    let done = total == 0 ? width : tally.total * width / total
    return "[" + String(repeating: "#", count: done) + String(repeating: " ", count: width - done)
      + "] \(tally.total)/\(total)  accepted \(tally.accepted)  duplicate \(tally.duplicate)  "
      + "rejected \(tally.rejected)  failed \(tally.failed)"
  }

  private static func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
