/// One unit of work for a `CurlWorkerPool`: exactly one of `run` or `reject` is called, exactly once.
struct CurlJob: Sendable {
  /// The flag that cancellation and shutdown set; checked before `run` and polled during the transfer.
  let control: TransferControl
  /// Performs the transfer on the worker's handle and thread, and returns the delivery of its outcome,
  /// which the pool calls once it has counted the worker as about to be free.
  let run: @Sendable (CurlEasyHandle) -> @Sendable () -> Void
  /// Delivers a failure instead, when the job cannot run (shutdown, cancelled while queued, no handle).
  let reject: @Sendable (HTTPClientError) -> Void
}
