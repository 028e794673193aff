/// How the receiver answered one replayed delivery.
enum ReplayAnswer: String, Sendable, Equatable {
  /// 202: stored.
  case accepted
  /// 200 `duplicate`: already stored.
  case duplicate
  /// A 4xx answer.
  case rejected
  /// No answer, a 5xx, or the delivery could not be prepared.
  case failed
  /// `--dry-run`: signed, not sent.
  case dryRun = "dry-run"

  /// Classifies an HTTP answer: 202 accepted, 200 with `"duplicate"` duplicate, other 2xx accepted,
  /// 4xx rejected, anything else failed.
  static func classify(status: Int, body: [UInt8]) -> ReplayAnswer {
    switch status {
    case 200:
      String(decoding: body, as: UTF8.self).contains("\"duplicate\"") ? .duplicate : .accepted
    case 200..<300: .accepted
    case 400..<500: .rejected
    default: .failed
    }
  }
}
