import Dispatch
import Foundation

/// An HTTP/1.1 and HTTP/2 client over libcurl whose blocking transfers run on its own worker threads.
///
/// Each worker owns one reused easy handle, so connections are kept alive between requests; sequential
/// requests go to the same worker and reuse one connection. At most `maximumConcurrentRequests` transfers
/// run at once; further requests wait in a FIFO queue. TLS peers are always verified, only http and https
/// are allowed (redirects included), and redirects are followed only when a request asks.
/// `shutdown()` (or the last reference going away) rejects queued requests and aborts running ones.
public final class HTTPClient: Sendable {
  private let pool: CurlWorkerPool
  private let userAgent: String

  /// Creates a client; no thread starts before the first request.
  public init(maximumConcurrentRequests: Int = 8, userAgent: String = "talentwatch/0.1") {
    CurlGlobal.ensureInitialised()
    self.pool = CurlWorkerPool(name: "talentwatch.http", maximumWorkers: maximumConcurrentRequests)
    self.userAgent = userAgent
  }

  deinit {
    pool.shutdown()
  }

  /// Performs one request on the client's own worker threads (never the cooperative pool); reuses connections.
  ///
  /// Any status is a response, not an error. Cancelling the calling task aborts the transfer and throws
  /// `.cancelled`; libcurl's progress callback polls the flag (measured ~0.2 s while waiting, at most ~1 s).
  public func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse
  {
    guard !Task.isCancelled else { throw .cancelled }
    let control = TransferControl()
    let pool = self.pool
    let result = await withTaskCancellationHandler {
      await withCheckedContinuation {
        (continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>) in
        submit(request, control: control) { continuation.resume(returning: $0) }
      }
    } onCancel: {
      pool.abort(control, reason: .cancelled)
    }
    return try result.get()
  }

  /// With retries per `policy`; sleeps between attempts with `Task.sleep` (cancellable).
  ///
  /// Returns the last response when retries are exhausted on a retryable status (the caller sees the 503);
  /// throws the last `HTTPClientError` otherwise, and `.cancelled` when cancelled while sleeping. The request
  /// is sent again as is: only use retries for idempotent requests or ones the server de-duplicates.
  public func send(_ request: HTTPClientRequest, retry policy: RetryPolicy)
    async throws(HTTPClientError) -> HTTPClientResponse
  {
    var attempt = 1
    while true {
      var response: HTTPClientResponse?
      var failure: HTTPClientError?
      do {
        response = try await send(request)
      } catch {
        failure = error
      }
      let wait = policy.delay(
        afterAttempt: attempt, status: response?.status, error: failure,
        retryAfter: response?.header("Retry-After"), now: Date(),
        randomUnit: Double.random(in: 0..<1))
      guard let wait else {
        if let response { return response }
        throw failure ?? .other
      }
      do {
        try await Task.sleep(for: wait)
      } catch {
        throw .cancelled
      }
      attempt += 1
    }
  }

  /// Blocking variant for callers on their own threads; the request still runs on a worker thread.
  @available(*, noasync, message: "use send(_:) from async code")
  public func sendBlocking(_ request: HTTPClientRequest) throws(HTTPClientError)
    -> HTTPClientResponse
  {
    let outcome = BlockingOutcome()
    submit(request, control: TransferControl()) { outcome.deliver($0) }
    return try outcome.wait().get()
  }

  /// Rejects queued requests with `.shutdown`, aborts running ones and lets the threads end; idempotent.
  public func shutdown() {
    pool.shutdown()
  }

  /// Queues `request`; `completion` is called exactly once, on a worker thread or the submitting one.
  private func submit(
    _ request: HTTPClientRequest, control: TransferControl,
    completion: @escaping @Sendable (Result<HTTPClientResponse, HTTPClientError>) -> Void
  ) {
    let userAgent = self.userAgent
    pool.submit(
      CurlJob(
        control: control,
        run: { handle in
          let result = HTTPTransfer.perform(
            request, userAgent: userAgent, on: handle, control: control)
          return { completion(result) }
        },
        reject: { completion(.failure($0)) }))
  }
}

/// Hands one result from a worker thread to a thread blocked in `sendBlocking`.
private final class BlockingOutcome: @unchecked Sendable {
  // @unchecked Sendable: `result` is written once before `done.signal()` and read after `done.wait()`,
  // and both accesses also hold `lock`.
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<HTTPClientResponse, HTTPClientError>?

  /// Stores the result and wakes the waiter.
  func deliver(_ result: Result<HTTPClientResponse, HTTPClientError>) {
    lock.lock()
    self.result = result
    lock.unlock()
    done.signal()
  }

  /// Blocks until `deliver` was called and returns what it stored.
  func wait() -> Result<HTTPClientResponse, HTTPClientError> {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    return result ?? .failure(.other)
  }
}
