/// Hands emails to an SMTP server over libcurl, on its own worker threads like `HTTPClient`.
///
/// Supports `smtp://` with STARTTLS (required by default), `smtps://`, and SMTP AUTH with the
/// configured credentials (libcurl picks a mechanism the server offers). Connections are reused
/// between messages when the server allows it. Delivery beyond the server is not observed.
public final class SMTPClient: Sendable {
  private let configuration: SMTPConfiguration
  private let pool: CurlWorkerPool

  /// Creates a client for one server; no thread starts before the first message.
  public init(configuration: SMTPConfiguration, maximumConcurrentSends: Int = 2) {
    CurlGlobal.ensureInitialised()
    self.configuration = configuration
    self.pool = CurlWorkerPool(name: "talentwatch.smtp", maximumWorkers: maximumConcurrentSends)
  }

  deinit {
    pool.shutdown()
  }

  /// Hands `message` to the server; returns the server's final reply code (250 when accepted).
  ///
  /// Throws `.rejected` (5xx) or `.deferred` (4xx) when the server refuses the sender, a recipient or
  /// the message; cancelling the calling task aborts the exchange with `.cancelled`.
  @discardableResult
  public func send(_ message: SMTPMessage) async throws(SMTPClientError) -> Int {
    guard !Task.isCancelled else { throw .cancelled }
    let control = TransferControl()
    let pool = self.pool
    let configuration = self.configuration
    let result = await withTaskCancellationHandler {
      await withCheckedContinuation {
        (continuation: CheckedContinuation<Result<Int, SMTPClientError>, Never>) in
        pool.submit(
          CurlJob(
            control: control,
            run: { handle in
              let result = SMTPTransfer.perform(
                message, configuration: configuration, on: handle, control: control)
              return { continuation.resume(returning: result) }
            },
            reject: {
              continuation.resume(
                returning: .failure(SMTPClientError(transport: $0, replyCode: nil)))
            }))
      }
    } onCancel: {
      pool.abort(control, reason: .cancelled)
    }
    return try result.get()
  }

  /// Rejects queued messages with `.shutdown`, aborts running exchanges and lets the threads end; idempotent.
  public func shutdown() {
    pool.shutdown()
  }
}
