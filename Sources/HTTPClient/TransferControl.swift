import Foundation

/// A cancellation flag shared by a waiting caller and the worker thread running its transfer.
///
/// The progress callback polls `abortReason` during the transfer and aborts it once a reason is set.
final class TransferControl: @unchecked Sendable {
  // @unchecked Sendable: `reason` is only read and written while holding `lock`.
  private let lock = NSLock()
  private var reason: HTTPClientError?

  /// Asks the transfer to stop with `reason`; the first reason wins.
  func abort(_ reason: HTTPClientError) {
    lock.lock()
    defer { lock.unlock() }
    if self.reason == nil { self.reason = reason }
  }

  /// The reason the transfer was asked to stop, or nil while it may run.
  var abortReason: HTTPClientError? {
    lock.lock()
    defer { lock.unlock() }
    return reason
  }
}
