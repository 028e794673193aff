import CMicroHTTPD

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The state shared by the libmicrohttpd callbacks of one server: router, limits, counters.
///
/// Retained for the daemon's lifetime and passed to the callbacks as their `void *` context.
final class ServerCore: Sendable {
  /// Counters and the deferred registry, only touched under the lock.
  private struct Shared {
    var inFlight = 0
    var started: UInt64 = 0
    var stopping = false
    var swept = false
    var deferred: [ObjectIdentifier: ResponseWriter] = [:]
  }

  /// The routes.
  let router: Router
  /// The body limit in bytes.
  let maxBodyBytes: Int
  /// Told about every answered request; nil keeps the hot path free of clock reads.
  let observer: RequestObserver?
  /// True when responses go out over TLS (the raw-socket 413 shortcut must not be used then).
  let usesTLS: Bool
  /// The random seed of generated request ids.
  private let idSeed = UInt64.random(in: .min ... .max)
  private let shared = Locked(Shared())

  /// The answer to requests cut short by `stop`.
  static let shuttingDown = Response.error(
    status: 503, code: "shutting_down", message: "The server is shutting down; retry later.")

  /// Creates the core for `router` with the limits of `configuration`.
  init(router: Router, configuration: ServerConfiguration) {
    self.router = router
    self.maxBodyBytes = configuration.maxBodyBytes
    self.observer = configuration.requestObserver
    self.usesTLS = configuration.tls != nil
  }

  /// Requests whose first callback happened and whose completion was not reported yet.
  var inFlight: Int { shared.withLock { $0.inFlight } }

  /// From now on every response closes its connection; called when `stop` begins.
  func beginStopping() {
    shared.withLock { $0.stopping = true }
  }

  /// Answers every request waiting for a deferred `send` with 503, and any that starts waiting later.
  ///
  /// After this no connection stays suspended, which `MHD_stop_daemon` requires.
  func answerDeferred() {
    let writers = shared.withLock { shared in
      shared.swept = true
      return Array(shared.deferred.values)
    }
    for writer in writers {
      writer.send(Self.shuttingDown)
    }
  }

  /// Marks every deferred writer finished; after the daemon stopped, their connections are gone.
  func finishDeferred() {
    let writers = shared.withLock { shared in
      defer { shared.deferred.removeAll() }
      return Array(shared.deferred.values)
    }
    for writer in writers {
      writer.finish()
    }
  }

  // MARK: - libmicrohttpd access handler

  /// One call of the access handler; see `MHD_AccessHandlerCallback` for the call sequence.
  func handle(
    connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
    uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>,
    slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  ) -> MHD_Result {
    guard let raw = slot.pointee else {
      return begin(connection: connection, slot: slot)
    }
    let context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
    let size = uploadDataSize.pointee
    if size > 0 {
      uploadDataSize.pointee = 0
      return receive(uploadData, count: size, context: context, connection: connection)
    }
    if context.answered { return .YES }
    if let writer = context.writer {
      return deliver(writer: writer, context: context, connection: connection)
    }
    return dispatch(connection: connection, url: url, method: method, context: context)
  }

  /// First call: count the request, create its context and refuse a declared body over the limit
  /// (or any request arriving on a kept-alive connection once `stop` began).
  private func begin(
    connection: OpaquePointer, slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  ) -> MHD_Result {
    let context = RequestContext()
    if observer != nil { context.startedNanoseconds = Self.monotonicNanoseconds() }
    slot.pointee = Unmanaged.passRetained(context).toOpaque()
    let stopping: Bool
    (context.sequence, stopping) = shared.withLock { shared in
      shared.inFlight += 1
      shared.started &+= 1
      return (shared.started, shared.stopping)
    }
    if stopping {
      context.answered = true
      context.requestID = requestID(for: Self.lookup(connection, "x-request-id"), context: context)
      return queue(Self.shuttingDown, connection: connection, context: context, close: true)
    }
    guard let declared = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length")
    else { return .YES }
    let length = Self.parseLength(declared)
    if length > maxBodyBytes {
      context.answered = true
      context.requestID = requestID(for: Self.lookup(connection, "x-request-id"), context: context)
      return queueTooLarge(connection: connection, context: context)
    }
    // Reserve for small declared bodies only: a declaration alone must not pin a megabyte per connection.
    context.body.reserveCapacity(min(length, 64 * 1024))
    return .YES
  }

  /// A body chunk: keep it, or past the limit drop everything and answer 413 at once.
  private func receive(
    _ data: UnsafePointer<CChar>?, count: Int, context: RequestContext, connection: OpaquePointer
  ) -> MHD_Result {
    if context.answered { return .YES }
    guard context.body.count + count <= maxBodyBytes else {
      context.body = []
      context.requestID = requestID(for: Self.lookup(connection, "x-request-id"), context: context)
      context.answered = true
      if queueTooLarge(connection: connection, context: context) == .YES { return .YES }
      // libmicrohttpd 0.9.75 refuses to queue while the body is arriving: write the 413 to the socket
      // ourselves, then have libmicrohttpd close the connection (over TLS only the close is possible).
      if usesTLS { return .NO }
      writeTooLargeDirectly(connection: connection, context: context)
      return .NO
    }
    if let data {
      context.body.append(
        contentsOf: UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: count))
    }
    return .YES
  }

  /// Final call: build the request, route it and run the handler; queue or suspend after it.
  private func dispatch(
    connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?,
    context: RequestContext
  ) -> MHD_Result {
    let headers = Self.collectHeaders(connection)
    let id = requestID(for: headers["x-request-id"], context: context)
    context.requestID = id
    let methodText = method.map { String(cString: $0) } ?? ""
    let path = url.map { String(cString: $0) } ?? "/"
    context.method = methodText
    switch router.resolve(method: methodText, path: path) {
    case .notFound:
      context.answered = true
      let response = Response.error(
        status: 404, code: "not_found", message: "No route matches this path.")
      return queue(response, connection: connection, context: context)
    case .methodNotAllowed(let allow):
      context.answered = true
      var response = Response.error(
        status: 405, code: "method_not_allowed", message: "This path does not accept this method.")
      response.headers.append((name: "allow", value: allow))
      return queue(response, connection: connection, context: context)
    case .matched(let handler, let parameters, let pattern):
      context.route = pattern
      let request = Request(
        method: methodText, path: path, query: Self.collectQuery(connection), headers: headers,
        body: context.body, pathParameters: parameters, id: id,
        remoteAddress: Self.remoteAddress(connection))
      context.body = []
      let writer = ResponseWriter(connection: ConnectionHandle(pointer: connection))
      context.writer = writer
      handler(request, writer)
      return deliver(writer: writer, context: context, connection: connection)
    }
  }

  /// Queues the writer's response, or leaves the connection suspended and remembers the writer.
  private func deliver(
    writer: ResponseWriter, context: RequestContext, connection: OpaquePointer
  ) -> MHD_Result {
    guard let response = writer.takeResponseOrSuspend() else {
      if !context.registeredAsDeferred {
        context.registeredAsDeferred = true
        let swept = shared.withLock { shared in
          shared.deferred[ObjectIdentifier(writer)] = writer
          return shared.swept
        }
        // `stop` already answered the waiting requests: this late one must not stay suspended either.
        if swept { writer.send(Self.shuttingDown) }
      }
      return .YES
    }
    context.answered = true
    return queue(response, connection: connection, context: context)
  }

  /// The request finished (answered or connection closed): release its context and count it out.
  func complete(slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>) {
    guard let raw = slot.pointee else { return }
    slot.pointee = nil
    let context = Unmanaged<RequestContext>.fromOpaque(raw).takeRetainedValue()
    context.writer?.finish()
    if let observer, context.status != 0 {
      let elapsed = Self.monotonicNanoseconds() &- context.startedNanoseconds
      observer(
        RequestObservation(
          method: context.method, route: context.route, status: context.status,
          seconds: Double(elapsed) / 1e9))
    }
    let writerID = context.writer.map(ObjectIdentifier.init)
    let registered = context.registeredAsDeferred
    shared.withLock { shared in
      shared.inFlight -= 1
      if registered, let writerID { shared.deferred[writerID] = nil }
    }
  }

  /// The client's request id when valid, otherwise one generated from this request's number.
  private func requestID(for candidate: String?, context: RequestContext) -> String {
    RequestID.choose(candidate, seed: idSeed, sequence: context.sequence)
  }

  // MARK: - Responses

  /// Queues the 413 answer and closes the connection after it.
  private func queueTooLarge(connection: OpaquePointer, context: RequestContext) -> MHD_Result {
    queue(tooLargeResponse(), connection: connection, context: context, close: true)
  }

  /// The 413 JSON error.
  private func tooLargeResponse() -> Response {
    .error(
      status: 413, code: "body_too_large",
      message: "The request body exceeds the limit of \(maxBodyBytes) bytes.")
  }

  /// Writes a complete 413 response straight to the connection's socket and ends the sending side.
  ///
  /// Only used mid-body, when nothing else is being written on the connection; the few hundred bytes
  /// fit an empty socket buffer, so one non-blocking send suffices.
  private func writeTooLargeDirectly(connection: OpaquePointer, context: RequestContext) {
    let socket = tw_mhd_connection_fd(connection)
    guard socket >= 0 else { return }
    let response = tooLargeResponse()
    var head = "HTTP/1.1 413 \(String(cString: MHD_get_reason_phrase_for(413)))\r\n"
    for field in response.headers { head += "\(field.name): \(field.value)\r\n" }
    head += "x-request-id: \(context.requestID)\r\nConnection: close\r\n"
    head += "Content-Length: \(response.body.count)\r\n\r\n"
    let bytes = Array(head.utf8) + response.body
    _ = bytes.withUnsafeBytes { raw in
      send(socket, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
    }
    _ = shutdown(socket, Int32(SHUT_WR))
  }

  /// Hands `response` to libmicrohttpd with the request id, closing the connection when asked or stopping.
  private func queue(
    _ response: Response, connection: OpaquePointer, context: RequestContext, close: Bool = false
  ) -> MHD_Result {
    let mhdResponse = response.body.withUnsafeBytes { bytes in
      MHD_create_response_from_buffer(
        bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let mhdResponse else { return .NO }
    defer { MHD_destroy_response(mhdResponse) }
    for field in response.headers where !HTTPHeaders.namesMatch(field.name, "x-request-id") {
      _ = MHD_add_response_header(mhdResponse, field.name, field.value)
    }
    _ = MHD_add_response_header(mhdResponse, "x-request-id", context.requestID)
    if close || shared.withLock({ $0.stopping }) {
      _ = MHD_add_response_header(mhdResponse, "Connection", "close")
    }
    let status = (100...999).contains(response.status) ? UInt32(response.status) : 500
    context.status = Int(status)
    return MHD_queue_response(connection, status, mhdResponse)
  }

  /// CLOCK_MONOTONIC in nanoseconds.
  private static func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
  }

  // MARK: - Reading the request

  /// The value of request header `name`, if present.
  private static func lookup(_ connection: OpaquePointer, _ name: String) -> String? {
    MHD_lookup_connection_value(connection, .HEADER_KIND, name).map { String(cString: $0) }
  }

  /// A decimal `Content-Length`; anything unparsable or overflowing reads as `Int.max`.
  private static func parseLength(_ text: UnsafePointer<CChar>) -> Int {
    var value = 0
    var pointer = text
    var digits = 0
    while pointer.pointee != 0 {
      let byte = UInt8(bitPattern: pointer.pointee)
      guard byte >= 48, byte <= 57 else { return Int.max }
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 48))
      if overflow1 || overflow2 { return Int.max }
      value = sum
      digits += 1
      pointer += 1
    }
    return digits == 0 ? Int.max : value
  }

  /// Every request header field in arrival order.
  private static func collectHeaders(_ connection: OpaquePointer) -> HTTPHeaders {
    var fields: [HTTPHeaders.Element] = []
    withUnsafeMutablePointer(to: &fields) { pointer in
      _ = MHD_get_connection_values(connection, .HEADER_KIND, collectHeaderField, pointer)
    }
    return HTTPHeaders(fields: fields)
  }

  /// The query arguments as decoded by libmicrohttpd; the first value of a repeated name wins.
  private static func collectQuery(_ connection: OpaquePointer) -> [String: String] {
    var query: [String: String] = [:]
    withUnsafeMutablePointer(to: &query) { pointer in
      _ = MHD_get_connection_values(connection, .GET_ARGUMENT_KIND, collectQueryArgument, pointer)
    }
    return query
  }

  /// The client's IP address as text.
  private static func remoteAddress(_ connection: OpaquePointer) -> String? {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
      guard let base = buffer.baseAddress, tw_mhd_client_ip(connection, base, 64) == 1 else {
        return nil
      }
      return String(cString: base)
    }
  }
}

/// `MHD_KeyValueIterator` appending one header field to the `[HTTPHeaders.Element]` at `context`.
private func collectHeaderField(
  _ context: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?,
  _ value: UnsafePointer<CChar>?
) -> MHD_Result {
  guard let context, let key else { return .YES }
  let fields = context.assumingMemoryBound(to: [HTTPHeaders.Element].self)
  fields.pointee.append(
    (name: String(cString: key), value: value.map { String(cString: $0) } ?? ""))
  return .YES
}

/// `MHD_KeyValueIterator` adding one query argument to the `[String: String]` at `context`.
private func collectQueryArgument(
  _ context: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?,
  _ value: UnsafePointer<CChar>?
) -> MHD_Result {
  guard let context, let key else { return .YES }
  let query = context.assumingMemoryBound(to: [String: String].self)
  let name = String(cString: key)
  if query.pointee[name] == nil {
    query.pointee[name] = value.map { String(cString: $0) } ?? ""
  }
  return .YES
}
