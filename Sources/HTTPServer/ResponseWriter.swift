import CMicroHTTPD

/// Completes one request exactly once, from any thread (later calls are ignored).
///
/// When the handler returns without sending, the server suspends the connection
/// (`MHD_suspend_connection`); `send` then resumes it (`MHD_resume_connection`) and the response is
/// queued on the next libmicrohttpd call. Suspension and resumption both happen under this writer's
/// lock, so a `send` racing with the suspension either lands before it (and is queued directly) or
/// after it (and resumes); a `send` after the request finished is ignored.
public final class ResponseWriter: Sendable {
  /// Where the request stands between the handler, other threads and libmicrohttpd.
  private enum Phase {
    /// The handler is still running on the libmicrohttpd thread; a response is picked up after it.
    case handling
    /// The connection is suspended, waiting for `send`.
    case suspended
    /// `send` resumed the connection; libmicrohttpd will call in to queue the response.
    case resuming
    /// The response was handed to libmicrohttpd.
    case queued
    /// The request is over (answered or the connection closed); nothing may touch the connection.
    case finished
  }

  /// The mutable part, only touched under the lock.
  private struct State {
    var phase: Phase = .handling
    var response: Response?
    var answered = false
  }

  private let state = Locked(State())
  private let connection: ConnectionHandle

  /// Creates the writer for the request on `connection`; the server does this before calling a handler.
  init(connection: ConnectionHandle) {
    self.connection = connection
  }

  /// Completes the request with `response`; only the first call counts.
  public func send(_ response: Response) {
    state.withLock { state in
      guard !state.answered, state.phase != .finished else { return }
      state.answered = true
      state.response = response
      if state.phase == .suspended {
        state.phase = .resuming
        MHD_resume_connection(connection.pointer)
      }
    }
  }

  /// On the libmicrohttpd thread after the handler returned or a resume: the response to queue, or nil
  /// after suspending the connection because no response is there yet.
  func takeResponseOrSuspend() -> Response? {
    state.withLock { state in
      if let response = state.response {
        state.response = nil
        state.phase = .queued
        return response
      }
      MHD_suspend_connection(connection.pointer)
      state.phase = .suspended
      return nil
    }
  }

  /// Marks the request over, so a later `send` cannot touch the connection; from request completion.
  func finish() {
    state.withLock { state in
      state.phase = .finished
      state.response = nil
    }
  }
}

/// A libmicrohttpd connection pointer that may cross threads.
struct ConnectionHandle: @unchecked Sendable {
  // Only used on the connection's libmicrohttpd thread or under the owning ResponseWriter's lock.
  /// The `struct MHD_Connection *`.
  let pointer: OpaquePointer
}
