import CMicroHTTPD
import Foundation
import Glibc
import Signing
import Storage

/// One event loop of the experiment: a libmicrohttpd daemon in external-polling mode (no internal thread)
/// driven by this loop's own thread, which also commits the deliveries it received.
///
/// Each turn: `MHD_run_wait` parses whatever arrived and calls the handler, which verifies a delivery,
/// adds it to this loop's batch and suspends its connection; after the turn the loop appends the batch in
/// one transaction (one fsync), sets each answer and resumes the connections, and the next turn sends the
/// answers. Nothing crosses threads but the database's writer (shared by the loops): no hand-off per
/// request, no resume signal through the inter-thread channel.
final class IngestLoop: @unchecked Sendable {
  // Everything here is touched only by this loop's thread (the handler runs inside MHD_run_wait).
  /// One request's state, kept in libmicrohttpd's per-request slot.
  final class Exchange {
    var body: [UInt8] = []
    var submitted = false
    var answer: (status: UInt32, body: [UInt8])?
  }

  private var daemon: OpaquePointer?
  private var batch: [(connection: OpaquePointer, exchange: Exchange, delivery: InboxDelivery)] = []
  private let database: Database
  private let verifier: WebhookVerifier

  /// With `pipelined`, a committer thread appends one batch while the loop parses the next; it hands
  /// results back under `condition` and wakes the loop through `wakeup` (a pipe), once per batch.
  private let pipelined: Bool
  private let condition = NSCondition()
  private var handed: [InboxDelivery]?
  private var finished: [InboxAppendOutcome?]?
  private var inFlight: [(connection: OpaquePointer, exchange: Exchange, delivery: InboxDelivery)] =
    []
  private var wakeup: [Int32] = [-1, -1]

  init(database: Database, verifier: WebhookVerifier, pipelined: Bool = false) {
    self.database = database
    self.verifier = verifier
    self.pipelined = pipelined
    _ = pipe(&wakeup)
    _ = fcntl(wakeup[0], F_SETFL, fcntl(wakeup[0], F_GETFL) | O_NONBLOCK)
  }

  /// Starts a daemon on the listening socket `listener` (shared with the other loops through
  /// SO_REUSEPORT sockets) and runs its loop on a new thread.
  func start(listener: Int32) -> Bool {
    let flags = MHD_USE_EPOLL.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
    let context = Unmanaged.passUnretained(self).toOpaque()
    let completed: MHD_RequestCompletedCallback = loopRequestCompleted
    var options = [
      MHD_OptionItem(option: .CONNECTION_LIMIT, value: 1024, ptr_value: nil),
      MHD_OptionItem(option: .CONNECTION_TIMEOUT, value: 30, ptr_value: nil),
      MHD_OptionItem(
        option: .NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self), ptr_value: nil),
      MHD_OptionItem(option: .LISTEN_SOCKET, value: Int(listener), ptr_value: nil),
      MHD_OptionItem(option: .END, value: 0, ptr_value: nil),
    ]
    daemon = options.withUnsafeMutableBufferPointer { items in
      tw_mhd_start_daemon_with_options(
        flags, 0, nil, nil, loopAccessHandler, context, items.baseAddress)
    }
    guard daemon != nil else { return false }
    let thread = Thread { [self] in pipelined ? runPipelined() : run() }
    thread.start()
    if pipelined {
      let committer = Thread { [self] in commitLoop() }
      committer.start()
    }
    return true
  }

  /// The loop with commits on the committer thread: epoll over libmicrohttpd's epoll descriptor and
  /// the wake-up pipe; answers are applied (and connections resumed) on this thread.
  private func runPipelined() {
    guard let daemon else { return }
    var watched = [
      pollfd(fd: tw_mhd_epoll_fd(daemon), events: Int16(POLLIN), revents: 0),
      pollfd(fd: wakeup[0], events: Int16(POLLIN), revents: 0),
    ]
    var drained = [UInt8](repeating: 0, count: 64)
    while true {
      _ = MHD_run(daemon)
      var answered = false
      condition.lock()
      if let outcomes = finished {
        finished = nil
        condition.unlock()
        answer(inFlight, outcomes)
        inFlight.removeAll(keepingCapacity: true)
        answered = true
        condition.lock()
      }
      if inFlight.isEmpty && !batch.isEmpty {
        inFlight = batch
        batch.removeAll(keepingCapacity: true)
        handed = inFlight.map(\.delivery)
        condition.signal()
      }
      condition.unlock()
      if answered { continue }  // send the answers now
      if poll(&watched, 2, 1000) > 0, watched[1].revents != 0 {
        _ = read(wakeup[0], &drained, drained.count)
      }
    }
  }

  /// The committer thread: one batch at a time, results handed back and the loop woken.
  private func commitLoop() {
    while true {
      condition.lock()
      while handed == nil { condition.wait() }
      let deliveries = handed ?? []
      handed = nil
      condition.unlock()
      let outcomes = try? database.writeSync { connection in
        try connection.transaction { try InboxStore.append(deliveries, in: connection) }
      }
      condition.lock()
      finished =
        outcomes.map { $0.map { Optional($0) } } ?? Array(repeating: nil, count: deliveries.count)
      condition.unlock()
      var one: UInt8 = 1
      _ = write(wakeup[1], &one, 1)
    }
  }

  private func answer(
    _ items: [(connection: OpaquePointer, exchange: Exchange, delivery: InboxDelivery)],
    _ outcomes: [InboxAppendOutcome?]
  ) {
    for (index, item) in items.enumerated() {
      switch outcomes[index] {
      case .accepted(let id)?:
        item.exchange.answer = (202, Array("{\"status\":\"accepted\",\"id\":\(id)}".utf8))
      case .duplicate(let id)?:
        item.exchange.answer = (200, Array("{\"status\":\"duplicate\",\"id\":\(id)}".utf8))
      case nil:
        item.exchange.answer = (503, Array(#"{"error":"store_unavailable"}"#.utf8))
      }
      MHD_resume_connection(item.connection)
    }
  }

  private func run() {
    guard let daemon else { return }
    while true {
      _ = MHD_run_wait(daemon, batch.isEmpty ? 1000 : 0)
      if !batch.isEmpty { commit() }
    }
  }

  /// Appends the batch in one transaction, then answers and resumes every connection in it.
  private func commit() {
    let taken = batch
    batch.removeAll(keepingCapacity: true)
    let outcomes = try? database.writeSync { connection in
      try connection.transaction { try InboxStore.append(taken.map(\.delivery), in: connection) }
    }
    for (index, item) in taken.enumerated() {
      switch outcomes?[index] {
      case .accepted(let id)?:
        item.exchange.answer = (202, Array("{\"status\":\"accepted\",\"id\":\(id)}".utf8))
      case .duplicate(let id)?:
        item.exchange.answer = (200, Array("{\"status\":\"duplicate\",\"id\":\(id)}".utf8))
      case nil:
        item.exchange.answer = (503, Array(#"{"error":"store_unavailable"}"#.utf8))
      }
      MHD_resume_connection(item.connection)
    }
  }

  /// The access handler's work for one call (see `MHD_AccessHandlerCallback`).
  func handle(
    connection: OpaquePointer, uploadData: UnsafePointer<CChar>?,
    uploadDataSize: UnsafeMutablePointer<Int>, slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  ) -> MHD_Result {
    guard let raw = slot.pointee else {
      slot.pointee = Unmanaged.passRetained(Exchange()).toOpaque()
      return .YES
    }
    let exchange = Unmanaged<Exchange>.fromOpaque(raw).takeUnretainedValue()
    if uploadDataSize.pointee > 0 {
      if let uploadData {
        exchange.body.append(
          contentsOf: UnsafeRawBufferPointer(
            start: UnsafeRawPointer(uploadData), count: uploadDataSize.pointee))
      }
      uploadDataSize.pointee = 0
      return .YES
    }
    if let answer = exchange.answer { return queue(answer, on: connection) }
    if exchange.submitted { return .YES }
    exchange.submitted = true
    let now = Date()
    let verified: VerifiedDelivery
    do {
      verified = try verifier.verify(
        header: { name in
          MHD_lookup_connection_value(connection, .HEADER_KIND, name).map { String(cString: $0) }
        },
        body: exchange.body, now: now)
    } catch {
      return queue((401, Array(#"{"error":"not_verified"}"#.utf8)), on: connection)
    }
    var kept: [String: String] = [:]
    for name in ["content-type", "user-agent", "webhook-id", "webhook-timestamp"] {
      if let value = MHD_lookup_connection_value(connection, .HEADER_KIND, name) {
        kept[name] = String(cString: value)
      }
    }
    let delivery = InboxDelivery(
      source: "bench", deliveryID: verified.deliveryID, scheme: "standard-webhooks",
      format: "canonical", receivedAt: now, signedAt: verified.signedAt, headers: kept,
      body: exchange.body)
    exchange.body = []
    batch.append((connection, exchange, delivery))
    MHD_suspend_connection(connection)
    return .YES
  }

  private func queue(_ answer: (status: UInt32, body: [UInt8]), on connection: OpaquePointer)
    -> MHD_Result
  {
    let response = answer.body.withUnsafeBytes { bytes in
      MHD_create_response_from_buffer(
        bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let response else { return .NO }
    defer { MHD_destroy_response(response) }
    _ = MHD_add_response_header(response, "content-type", "application/json")
    return MHD_queue_response(connection, answer.status, response)
  }
}

private func loopAccessHandler(
  _ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
  _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?,
  _ uploadData: UnsafePointer<CChar>?, _ uploadDataSize: UnsafeMutablePointer<Int>?,
  _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
  guard let context, let connection, let uploadDataSize, let slot else { return .NO }
  return Unmanaged<IngestLoop>.fromOpaque(context).takeUnretainedValue().handle(
    connection: connection, uploadData: uploadData, uploadDataSize: uploadDataSize, slot: slot)
}

private func loopRequestCompleted(
  _ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
  _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ reason: MHD_RequestTerminationCode
) {
  guard let slot, let raw = slot.pointee else { return }
  slot.pointee = nil
  Unmanaged<IngestLoop.Exchange>.fromOpaque(raw).release()
}
