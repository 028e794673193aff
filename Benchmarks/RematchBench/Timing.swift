import Foundation

/// CPU seconds this thread has used: unlike wall time, not inflated when other processes share the cores.
func threadCPUSeconds() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Wall seconds and thread CPU seconds taken by `body`.
@MainActor func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
  let start = ContinuousClock.now
  let cpuStart = threadCPUSeconds()
  try body()
  let elapsed = ContinuousClock.now - start
  let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  return (wall, threadCPUSeconds() - cpuStart)
}

/// Wall seconds taken by `body`.
@MainActor func seconds(_ body: () throws -> Void) rethrows -> Double { try measure(body).wall }

/// The middle value (upper middle for an even count).
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Three decimals.
func format(_ value: Double) -> String { String(format: "%.3f", value) }
