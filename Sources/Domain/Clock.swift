public import Foundation

/// Where every decision in talentwatch reads the time, so tests can set and move it.
public protocol Clock: Sendable {
  /// The current instant.
  func now() -> Date
}

/// The wall clock of the machine.
public struct SystemClock: Clock {
  /// Creates the system clock.
  public init() {}

  /// The current instant from the operating system.
  public func now() -> Date { Date() }
}

/// A clock that only moves when told to; for tests and simulations.
public final class ManualClock: Clock, @unchecked Sendable {
  // Access to `current` is serialized by `lock`.
  private let lock = NSLock()
  private var current: Date

  /// Creates a clock that reads `start` until it is advanced.
  public init(_ start: Date) { current = start }

  /// The instant this clock was last set to.
  public func now() -> Date { lock.withLock { current } }

  /// Moves the clock forward by `seconds` (or back, when negative).
  public func advance(by seconds: TimeInterval) {
    lock.withLock { current = current.addingTimeInterval(seconds) }
  }

  /// Sets the clock to `date`.
  public func set(_ date: Date) { lock.withLock { current = date } }
}
