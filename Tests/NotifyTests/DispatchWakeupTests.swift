import Testing

@testable import Notify

/// The dispatcher's idle wait: ended by a signal (before or during the wait) or by cancellation. Each
/// wait here is an hour long, so a wait that is not cut short fails the suite's time limit.
@Suite("dispatch wake-up", .timeLimit(.minutes(1)))
struct DispatchWakeupTests {
  @Test("a signal given before the wait ends the next wait at once, and only that one")
  func signalBeforeWait() async {
    let wakeup = DispatchWakeup()
    wakeup.signal()
    wakeup.signal()
    await wakeup.wait(upTo: .seconds(3600))
    // Signals do not queue up: the second wait needs a signal of its own.
    let waiting = Task { await wakeup.wait(upTo: .seconds(3600)) }
    try? await Task.sleep(for: .milliseconds(50))
    wakeup.signal()
    await waiting.value
  }

  @Test("a signal during the wait ends it")
  func signalDuringWait() async {
    let wakeup = DispatchWakeup()
    async let waited: Void = wakeup.wait(upTo: .seconds(3600))
    try? await Task.sleep(for: .milliseconds(50))
    wakeup.signal()
    await waited
  }

  @Test("cancelling the waiting task ends its wait")
  func cancellation() async {
    let wakeup = DispatchWakeup()
    let waiting = Task { await wakeup.wait(upTo: .seconds(3600)) }
    try? await Task.sleep(for: .milliseconds(50))
    waiting.cancel()
    await waiting.value
  }

  @Test("without a signal the wait ends after its interval")
  func timeout() async {
    let wakeup = DispatchWakeup()
    await wakeup.wait(upTo: .milliseconds(20))
    // A late timer of that wait must not end the next one early: this one ends by its signal.
    let waiting = Task { await wakeup.wait(upTo: .seconds(3600)) }
    try? await Task.sleep(for: .milliseconds(50))
    wakeup.signal()
    await waiting.value
  }
}
