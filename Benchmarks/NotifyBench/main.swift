// bench-notify: the notification dispatcher against a local HTTPServer receiver on loopback.
// Usage: bench-notify [--count N] [--latency-count N] [--poll-ms N] [--batch N]
//   throughput: N notifications enqueued at once, dispatched (signed webhooks) until all are delivered
//   latency: notifications enqueued one at a time while the dispatcher runs; enqueue → receipt
import Domain
import Foundation
import HTTPClient
import HTTPServer
import Logging
import Notify
import Signing
import Storage
import Synchronization

/// Reads `--name N` from the command line.
func option(_ name: String, default value: Int) -> Int {
  let arguments = CommandLine.arguments
  guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count,
    let parsed = Int(arguments[index + 1])
  else { return value }
  return parsed
}

let count = option("count", default: 5000)
let latencyCount = option("latency-count", default: 200)
let pollMilliseconds = option("poll-ms", default: 250)
let batch = option("batch", default: 64)

/// Arrival times by webhook-id, filled by the receiver's threads.
let arrivals = Mutex<[String: ContinuousClock.Instant]>([:])
var router = Router()
router.post("/hooks") { request in
  if let id = request.headers["webhook-id"] {
    let now = ContinuousClock.now
    arrivals.withLock { $0[id] = now }
  }
  return Response(status: 204)
}
let server = Server(configuration: ServerConfiguration(port: 0, threadCount: 2), router: router)
let port = try server.start()

let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
  "bench-notify-\(UUID().uuidString.prefix(8))")
let database = try Database(path: directory.appendingPathComponent("bench.db").path)
let migrator = try Migrator(Schema.migrations)
let candidate = try await database.write { connection in
  _ = try migrator.migrate(connection)
  try OutboxStore.syncChannels(
    [OutboxChannel(id: "ch_bench", userID: "u_bench", kind: "webhook")], now: Date(), in: connection
  )
  return try CandidateIdentityStore.ensure(
    provider: "bench", providerID: "1", profileURL: nil, now: Date(), in: connection)
}
let secret = try WebhookSecret(
  scheme: .standardWebhooks, text: "whsec_" + Base64.encode(SecureRandom.bytes(count: 32)))
let http = HTTPClient(maximumConcurrentRequests: 16)
let dispatcher = NotificationDispatcher(
  database: database,
  endpoints: ["ch_bench": .webhook(url: "http://127.0.0.1:\(port)/hooks", secrets: [secret])],
  policy: NotificationDeliveryPolicy(), urlGuard: OutboundURLGuard(allowedHosts: ["127.0.0.1"]),
  http: http, email: nil, clock: SystemClock(),
  logger: Logger(label: "bench", level: .error), batchSize: batch,
  pollInterval: .milliseconds(pollMilliseconds))

/// A draft like the planner's: one job change for the bench user, no digest.
func draft() -> NotificationDraft {
  let event = NotificationEvent(
    kind: .jobChanged, candidateID: candidate, summary: "Engineer at Acme → Staff at Initech",
    changes: [NotificationChange(field: "current_company", before: "Acme", after: "Initech")],
    observedAt: Date())
  var draft = NotificationPolicy().drafts(
    for: event, audience: NotificationAudience(pipelineOwner: "u_bench", vacancyOwner: nil),
    now: Date())[0]
  draft.digestKey = nil
  return draft
}

// Throughput.
let drafts = (0..<count).map { _ in draft() }
try await database.write { connection in
  try connection.transaction {
    for item in drafts { try OutboxStore.enqueue(item, in: connection) }
  }
}
let start = ContinuousClock.now
while arrivals.withLock({ $0.count }) < count {
  if try await dispatcher.dispatchDue() == 0 { try await Task.sleep(for: .milliseconds(5)) }
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
  String(
    format: "throughput: %d notifications delivered in %.2f s = %.0f notifications/s (batch %d)",
    count, seconds, Double(count) / seconds, batch))

// Latency while the dispatcher runs as a service.
arrivals.withLock { $0.removeAll() }
let service = Task { await dispatcher.run() }
var latencies: [Double] = []
for _ in 0..<latencyCount {
  let enqueued = ContinuousClock.now
  let next = draft()
  let id = try await database.write { try OutboxStore.enqueue(next, in: $0) }
  while arrivals.withLock({ $0[id] }) == nil { try await Task.sleep(for: .milliseconds(1)) }
  guard let arrived = arrivals.withLock({ $0[id] }) else { continue }
  let delta = arrived - enqueued
  latencies.append(
    Double(delta.components.seconds) * 1000 + Double(delta.components.attoseconds) / 1e15)
  try await Task.sleep(for: .milliseconds(Int.random(in: 5...40)))
}
service.cancel()
await service.value
let sorted = latencies.sorted()
/// The `p` quantile of the sorted latencies.
func percentile(_ p: Double, of values: [Double]) -> Double {
  values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * p))]
}
print(
  String(
    format:
      "latency enqueue→receipt (%d, poll %d ms): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
    latencyCount, pollMilliseconds, percentile(0.5, of: sorted), percentile(0.9, of: sorted),
    percentile(0.99, of: sorted), sorted.last ?? 0))
http.shutdown()
server.stop(timeout: .seconds(2))
database.close()
try? FileManager.default.removeItem(at: directory)
