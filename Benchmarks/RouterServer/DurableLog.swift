import Foundation
import Glibc
import HTTPServer

/// The least a durable acknowledgement can cost: a group commit to plain append-only files. A log thread
/// takes every waiting delivery, appends the bodies with one `write`, runs one `fdatasync` and only then
/// answers them all. No SQLite, no index, no row: the floor under any store that answers 202 only once a
/// delivery is on disk (used by `bench-router-server --ingest durable|durable-parallel`). With several
/// streams (one file and one thread each) a batch never waits for another batch's sync to finish.
final class DurableLog: @unchecked Sendable {
  // `waiting` is guarded by `condition`; each descriptor is used only by its own log thread.
  private let condition = NSCondition()
  private var waiting: [(body: [UInt8], response: ResponseWriter)] = []

  /// Opens (truncating) `streams` logs named after `path` and starts a thread for each.
  init(path: String, streams: Int = 1) throws {
    for stream in 0..<max(1, streams) {
      let descriptor = open(
        "\(path).\(stream)", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
      guard descriptor >= 0 else { throw POSIXError(.EIO) }
      let thread = Thread { [self] in loop(descriptor) }
      thread.name = "bench.durable-log"
      thread.start()
    }
  }

  /// Queues `body`; `response` gets 202 after the fsync that covers it.
  func append(_ body: [UInt8], answering response: ResponseWriter) {
    condition.lock()
    waiting.append((body, response))
    condition.signal()
    condition.unlock()
  }

  private func loop(_ descriptor: Int32) {
    let accepted: [UInt8] = Array(#"{"status":"accepted","id":1}"#.utf8)
    while true {
      condition.lock()
      while waiting.isEmpty { condition.wait() }
      let batch = waiting
      waiting.removeAll(keepingCapacity: true)
      condition.unlock()
      var bytes: [UInt8] = []
      for item in batch { bytes += item.body }
      let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      let synced = written == bytes.count && fdatasync(descriptor) == 0
      for item in batch {
        item.response.send(
          synced
            ? .json(status: 202, accepted)
            : .error(status: 503, code: "store_unavailable", message: "not stored"))
      }
    }
  }
}
