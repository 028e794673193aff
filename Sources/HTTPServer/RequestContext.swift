/// Per-request state kept in libmicrohttpd's `*con_cls` between the calls of one request.
///
/// Only the connection's libmicrohttpd thread touches it, one call at a time, so it needs no lock.
final class RequestContext {
  /// The body read so far.
  var body: [UInt8] = []
  /// Set once the server answered by itself (404, 405, 413, 503) or queued the handler's response, so
  /// later calls only drain.
  var answered = false
  /// The writer handed to the handler, once the request was dispatched.
  var writer: ResponseWriter?
  /// The request id chosen at dispatch (or for an early 413).
  var requestID = ""
  /// This request's number within the server, the input of a generated request id.
  var sequence: UInt64 = 0
  /// True when the writer was registered with the server as waiting for a deferred `send`.
  var registeredAsDeferred = false
  /// The monotonic start time in nanoseconds, taken only when the server has a request observer.
  var startedNanoseconds: UInt64 = 0
  /// The route pattern that matched (`unmatched` for 404s and early answers), for the observer.
  var route: String = "unmatched"
  /// The method as sent, set at dispatch.
  var method: String = ""
  /// The status queued for this request; 0 until one is.
  var status: Int = 0
}
