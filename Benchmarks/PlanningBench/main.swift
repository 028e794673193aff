// bench-planning: loads the planner's due inputs from a real SQLite file and plans, at 1,000,000 and
// 100,000 candidates with the same 50,000 pending signals.
//
//   swift run -c release -Xswiftc -warnings-as-errors bench-planning [--runs N] [--dir DIR]
//
// The databases are generated once per directory (each in a child process, inside one transaction), then
// every run is a fresh child process that opens the file, loads the inputs and plans, so the reported
// peak RSS is the planning run's alone. Reports the median time per size and the 1M / 100k ratio.
import Domain
import Foundation
import Storage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The planning instant: 2026-12-01T06:00:00Z.
let now = Date(timeIntervalSince1970: 1_796_104_800)
/// Pending signals, on candidates 1...100,000 so both sizes get the same ones.
let signalCount = 50_000
/// Open vacancies and pipeline entries per vacancy (candidates 1...200*25 spread over them).
let openVacancies = 200
let pipelinePerVacancy = 25

/// The process's peak resident set size in MB (`getrusage`; Linux reports KB, macOS bytes).
func maxRSSMegabytes() -> Double {
  var usage = rusage()
  #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
  #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1_024
  #endif
}

/// Seconds taken by `body`.
func seconds<T>(_ body: () throws -> T) rethrows -> (Double, T) {
  let start = ContinuousClock.now
  let value = try body()
  let elapsed = ContinuousClock.now - start
  return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, value)
}

/// A deterministic generator (SplitMix64).
struct Mix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Writes `count` candidates (verified 0–60 days ago), 200 open vacancies with 25 entries each, and the
/// 50,000 signals (30% detected before their record's verification, so the planner keeps them).
func build(path: String, count: Int) throws {
  try? FileManager.default.removeItem(atPath: path)
  let connection = try Connection(path: path)
  _ = try Migrator(Schema.migrations).migrate(connection)
  var random = Mix(state: 42)
  let day = 86_400.0
  try connection.transaction {
    try connection.run(
      """
      INSERT INTO inbox (id, source, delivery_id, scheme, format, received_at, headers, body_size)
      VALUES (1, 'bench', 'd1', 'standard-webhooks', 'canonical', 0, '{}', 0)
      """)
    var verified: [Double] = []
    verified.reserveCapacity(100_000)
    for id in 1...count {
      let verifiedAt = now.addingTimeInterval(-Double(random.below(60 * 24)) * 3_600)
      if id <= 100_000 { verified.append(verifiedAt.timeIntervalSince1970) }
      try connection.run(
        """
        INSERT INTO candidates (id, provider, provider_id, profile_url, created_at, last_verified_at,
          sourced_at, enriched_at) VALUES (?, 'crustdata', ?, ?, 0, ?, ?, ?)
        """,
        [
          .integer(Int64(id)), .text("p\(id)"), .text("https://www.linkedin.com/in/p-\(id)"),
          .date(verifiedAt), .date(verifiedAt.addingTimeInterval(-90 * day)), .date(verifiedAt),
        ])
    }
    for vacancy in 1...openVacancies {
      try connection.run(
        """
        INSERT INTO vacancies (id, title, criteria, owner_user_id, is_open, created_at, updated_at)
        VALUES (?, 'Engineer', '{}', 'u', 1, 0, 0)
        """, [.integer(Int64(vacancy))])
      for slot in 0..<pipelinePerVacancy {
        let candidate = (vacancy - 1) * pipelinePerVacancy + slot + 1
        try connection.run(
          """
          INSERT INTO pipeline_entries (candidate_id, vacancy_id, stage, owner_user_id,
            confirmed_by_user_id, confirmed_at, stage_changed_by_user_id, stage_changed_at,
            last_activity_at) VALUES (?, ?, 'sourced', 'u', 'u', 0, 'u', 0, ?)
          """,
          [
            .integer(Int64(candidate)), .integer(Int64(vacancy)),
            .date(now.addingTimeInterval(-Double(random.below(40)) * day)),
          ])
      }
    }
    let kinds = ["job_changed", "open_to_work", "profile_changed", "changed"]
    for ordinal in 0..<signalCount {
      let candidate = random.below(100_000) + 1
      let verifiedAt = verified[candidate - 1]
      let older = random.below(10) < 3
      let detected =
        older
        ? verifiedAt - Double(random.below(48) + 1) * 3_600
        : min(now.timeIntervalSince1970, verifiedAt + Double(random.below(72) + 1) * 3_600)
      let at = Date(timeIntervalSince1970: detected)
      try connection.run(
        """
        INSERT INTO signals (inbox_id, ordinal, candidate_id, kind, detected_at, received_at, signal)
        VALUES (1, ?, ?, ?, ?, ?, '{}')
        """,
        [
          .integer(Int64(ordinal)), .integer(Int64(candidate)), .text(kinds[random.below(4)]),
          .date(at), .date(at),
        ])
    }
  }
  try connection.execute("ANALYZE")

}

/// One planning run: open, load the due inputs, plan; prints `seconds rss candidates signals refresh`.
func measure(path: String) throws {
  let connection = try Connection(path: path, readOnly: true)
  let (elapsed, plan) = try seconds { () throws -> Plan in
    let input = try connection.transaction {
      try PlanningInputStore.load(
        policy: .delta, now: now, retentionPurgeAt: { _ in nil }, in: connection)
    }
    return try Planner().plan(
      candidates: input.candidates, signals: input.signals,
      budget: CreditBudget(dailyLimit: 500, spentToday: input.creditsSpentToday, day: now), now: now
    )
  }
  print(
    String(
      format: "%.4f %.1f %d %d %d", elapsed, maxRSSMegabytes(), plan.items.count,
      plan.totals.refresh + plan.totals.waitForBudget, plan.totals.refresh))
}

/// Runs this executable as a child with `arguments`; returns its standard output.
func child(_ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw NSError(domain: "bench-planning", code: Int(process.terminationStatus))
  }
  return String(decoding: data, as: UTF8.self)
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
  arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

do {
  if arguments.first == "build", let path = option("--path"),
    let count = option("--count").flatMap(Int.init)
  {
    try build(path: path, count: count)
  } else if arguments.first == "measure", let path = option("--path") {
    try measure(path: path)
  } else {
    let runs = option("--runs").flatMap(Int.init) ?? 5
    let dir =
      option("--dir")
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "bench-planning"
      ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let sizes = [1_000_000, 100_000]
    for size in sizes {
      let path = "\(dir)/candidates-\(size).db"
      if !FileManager.default.fileExists(atPath: path) {
        let (elapsed, _) = try seconds {
          try child(["build", "--path", path, "--count", String(size)])
        }
        print(
          String(
            format: "built %@ (%d candidates, %d signals) in %.1f s", path, size, signalCount,
            elapsed))
      }
    }
    var times: [Int: [Double]] = [:]
    var rss: [Int: Double] = [:]
    var shape: [Int: String] = [:]
    // Interleave the sizes so machine load falls on both alike.
    for _ in 0..<runs {
      for size in sizes {
        let fields = try child(["measure", "--path", "\(dir)/candidates-\(size).db"])
          .split(separator: " ").map(String.init)
        guard fields.count == 5, let time = Double(fields[0]), let memory = Double(fields[1]) else {
          continue
        }
        times[size, default: []].append(time)
        rss[size] = max(rss[size] ?? 0, memory)
        shape[size] =
          "items \(fields[2]), due \(fields[3]), refresh \(fields[4].trimmingCharacters(in: .whitespacesAndNewlines))"
      }
    }
    func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
    for size in sizes {
      print(
        String(
          format:
            "%7d candidates, %d signals: median %.3f s over %d runs (all: %@), peak RSS %.1f MB; %@",
          size, signalCount, median(times[size] ?? []), times[size]?.count ?? 0,
          (times[size] ?? []).map { String(format: "%.3f", $0) }.joined(separator: " "),
          rss[size] ?? 0,
          shape[size] ?? ""))
    }
    let ratio = median(times[1_000_000] ?? []) / median(times[100_000] ?? [])
    print(String(format: "ratio 1M / 100k: %.2f", ratio))
  }
} catch {
  FileHandle.standardError.write(Data("bench-planning: \(error)\n".utf8))
  exit(1)
}
