import Dispatch
import Foundation

/// SIGHUP as a reload request: each signal runs the handler on a private serial queue, one at a time.
final class ReloadSignal: Sendable {
  /// Keeps the dispatch source alive while installed.
  private final class Holder: @unchecked Sendable {
    // Written once in `install` before the source is resumed; only read (in `cancel`) afterwards.
    var source: (any DispatchSourceSignal)?
  }
  private let holder = Holder()

  private init() {}

  /// Routes SIGHUP (away from its default, which ends the process) to `handler`.
  static func install(_ handler: @escaping @Sendable () -> Void) -> ReloadSignal {
    let reload = ReloadSignal()
    signal(SIGHUP, SIG_IGN)
    let source = DispatchSource.makeSignalSource(
      signal: SIGHUP, queue: DispatchQueue(label: "talentwatch.reload"))
    source.setEventHandler(handler: handler)
    reload.holder.source = source
    source.resume()
    return reload
  }

  /// Stops handling SIGHUP (it stays ignored, so a late one cannot kill a stopping process).
  func cancel() {
    holder.source?.cancel()
  }
}
