// bench-inbox: the group-commit writer's database work alone, on a real SQLite file (release build):
// `InboxStore.append` of unique deliveries in transactions of N, with `synchronous=FULL` (as served) and,
// for comparison, without the fsync. Prints wall and CPU time per delivery and per transaction.
//
// Run: swift build -c release -Xswiftc -warnings-as-errors --product bench-inbox &&
//      .build/release/bench-inbox [deliveries=30000] [batch sizes=1,16,50]
// BENCH_SQL, when set, runs after the migrations (e.g. `DROP INDEX inbox_by_received` to see what an
// index costs).
import Foundation
import Glibc
import Storage

let arguments = Array(CommandLine.arguments.dropFirst())
let total = arguments.first.flatMap { Int($0) } ?? 30_000
let sizes = (arguments.count > 1 ? arguments[1] : "1,16,50").split(separator: ",").compactMap {
  Int($0)
}

/// CPU time of this process so far, in seconds.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
}

/// A canonical job-change body like the ingest benchmark's (≈ 430 bytes).
func body(_ index: Int) -> [UInt8] {
  Array(
    (#"{"type":"person.job_changed","timestamp":"2026-11-30T06:00:00Z","data":{"person":{"provider":"#
      + #""crustdata","id":"\#(1_000_000_000 + index)","profile_url":"https://www.linkedin.com/in/"#
      + #"bench-\#(index)"},"previous":{"company":"Acme Logistics","title":"Software Engineer"},"#
      + #""current":{"company":"Globex Corporation","title":"Senior Software Engineer","start_date":"#
      + #""2026-11-01"},"detected_at":"2026-11-30T06:00:00Z"}}"#).utf8)
}

for durable in [true, false] {
  for size in sizes {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bench-inbox-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = try Database(path: directory + "/inbox.db", readerCount: 1)
    _ = try database.writeSync { try Migrator(Schema.migrations).migrate($0) }
    if !durable { try database.writeSync { try $0.execute("PRAGMA synchronous = NORMAL") } }
    if let extra = ProcessInfo.processInfo.environment["BENCH_SQL"] {
      try database.writeSync { try $0.execute(extra) }
    }
    let now = Date()
    let deliveries = (0..<total).map { index in
      InboxDelivery(
        source: "bench", deliveryID: "msg_\(index)", scheme: "standard-webhooks",
        format: "canonical", receivedAt: now, signedAt: now,
        headers: ["webhook-id": "msg_\(index)", "webhook-timestamp": "1796325628"],
        body: body(index))
    }
    let cpu = cpuSeconds()
    let start = ContinuousClock.now
    var index = 0
    while index < deliveries.count {
      let batch = Array(deliveries[index..<min(index + size, deliveries.count)])
      index += batch.count
      _ = try database.writeSync { connection in
        try connection.transaction { try InboxStore.append(batch, in: connection) }
      }
    }
    let elapsed = ContinuousClock.now - start
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let used = cpuSeconds() - cpu
    let transactions = (total + size - 1) / size
    print(
      String(
        format: "%@ batch %3d: %6.1f µs wall, %5.1f µs CPU per delivery; %6.3f ms per transaction",
        durable ? "synchronous=FULL  " : "synchronous=NORMAL", size, wall / Double(total) * 1e6,
        used / Double(total) * 1e6, wall / Double(transactions) * 1e3))
    database.close()
  }
}
