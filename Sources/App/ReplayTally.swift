/// What a replay did, counted by answer.
struct ReplayTally: Sendable, Equatable {
  /// 202: stored for the first time (or, from the inbox, turned into signals).
  var accepted = 0
  /// 200 `duplicate`: the delivery id was already stored.
  var duplicate = 0
  /// Refused by the receiver (401, 400, 404, 413, ...), or from the inbox: still quarantined.
  var rejected = 0
  /// Not answered (connection, timeout, 5xx) or not sendable (unreadable fixture, unusable secret).
  var failed = 0
  /// Signed but not sent (`--dry-run`), or from the inbox: skipped (body no longer held).
  var skipped = 0

  /// Every delivery counted.
  var total: Int { accepted + duplicate + rejected + failed + skipped }

  /// Whether the replay exits 1: something was rejected or failed.
  var hasFailures: Bool { rejected > 0 || failed > 0 }

  /// Adds one delivery with `answer`.
  mutating func count(_ answer: ReplayAnswer) {
    switch answer {
    case .accepted: accepted += 1
    case .duplicate: duplicate += 1
    case .rejected: rejected += 1
    case .failed: failed += 1
    case .dryRun: skipped += 1
    }
  }
}
