#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Process figures sampled at scrape time: resident memory (/proc/self/statm), open file descriptors
/// (/proc/self/fd) and uptime. On systems without /proc only the uptime is reported.
public enum ProcessMetrics {
  /// Registers the process collector on `registry`; uptime counts from this call.
  public static func register(on registry: MetricsRegistry) {
    let started = monotonicSeconds()
    let startTime = wallSeconds()
    registry.collect {
      var families: [CollectedFamily] = []
      if let resident = residentBytes() {
        families.append(
          CollectedFamily(
            name: "process_resident_memory_bytes", help: "Resident memory size in bytes.",
            kind: .gauge, samples: [([], resident)]))
      }
      if let open = openDescriptors() {
        families.append(
          CollectedFamily(
            name: "process_open_fds", help: "Number of open file descriptors.", kind: .gauge,
            samples: [([], Double(open))]))
      }
      families.append(
        CollectedFamily(
          name: "process_start_time_seconds",
          help: "Start time of the process since the Unix epoch in seconds.", kind: .gauge,
          samples: [([], startTime)]))
      families.append(
        CollectedFamily(
          name: "talentwatch_uptime_seconds", help: "Seconds since the service started.",
          kind: .gauge, samples: [([], monotonicSeconds() - started)]))
      return families
    }
  }

  /// Resident pages times the page size, from the second field of /proc/self/statm.
  static func residentBytes() -> Double? {
    guard let file = fopen("/proc/self/statm", "r") else { return nil }
    defer { fclose(file) }
    var size = 0
    var resident = 0
    guard readStatm(file, &size, &resident) else { return nil }
    return Double(resident) * Double(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// Reads two integers from `file`.
  private static func readStatm(
    _ file: UnsafeMutablePointer<FILE>, _ size: inout Int, _ resident: inout Int
  ) -> Bool {
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return false }
    let text = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let fields = text.split(separator: " ")
    guard fields.count >= 2, let first = Int(fields[0]), let second = Int(fields[1]) else {
      return false
    }
    size = first
    resident = second
    return true
  }

  /// Entries of /proc/self/fd, less the descriptor used to list it.
  static func openDescriptors() -> Int? {
    guard let directory = opendir("/proc/self/fd") else { return nil }
    defer { closedir(directory) }
    var count = 0
    while let entry = readdir(directory) {
      let isDot = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        bytes.first == UInt8(ascii: ".")
      }
      if !isDot { count += 1 }
    }
    return max(0, count - 1)
  }

  /// CLOCK_MONOTONIC in seconds.
  private static func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// CLOCK_REALTIME in seconds.
  private static func wallSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
