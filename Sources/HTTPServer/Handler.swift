/// Answers one request by calling `send` on the writer exactly once, now or later from any thread.
///
/// Runs on a libmicrohttpd thread: it must not block. Returning without calling `send` defers the answer.
public typealias Handler = @Sendable (Request, ResponseWriter) -> Void
