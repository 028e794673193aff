import Foundation
import Storage

/// Which stored deliveries `replay --from-inbox` and `inbox list` take: status, source, age, ids.
struct ReplayInboxSelection: Sendable, Equatable {
  /// Only this status.
  let status: InboxStatus?
  /// Only this source.
  let source: String?
  /// Only deliveries received at or after this time.
  let since: Date?
  /// Only these inbox ids (nil: any).
  let ids: [Int64]?

  /// Converts the command-line values; a bad status, time or id is a usage error.
  init(status: String?, source: String?, since: String?, ids: [String], now: Date = Date())
    throws(UsageError)
  {
    if let status {
      guard let value = InboxStatus(rawValue: status) else {
        throw UsageError(
          "--status: expected one of \(InboxStatus.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      self.status = value
    } else {
      self.status = nil
    }
    self.source = source
    if let since {
      guard let date = ReplayTime.parseSince(since, now: now) else {
        throw UsageError(
          "--since: expected an RFC 3339 time (2026-12-01T00:00:00Z) or an age (24h, 7d)")
      }
      self.since = date
    } else {
      self.since = nil
    }
    if ids.isEmpty {
      self.ids = nil
    } else {
      var parsed: [Int64] = []
      for text in ids {
        guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
          throw UsageError("--ids: expected inbox ids (positive whole numbers), got \"\(text)\"")
        }
        parsed.append(id)
      }
      self.ids = parsed
    }
  }

  /// Whether nothing beyond the source was asked for (the `--from-inbox`-only options are absent).
  var isEmpty: Bool { status == nil && since == nil && ids == nil }

  /// The storage filter for one page: ids greater than `afterID`, at most `limit`.
  func filter(afterID: Int64, limit: Int) -> InboxFilter {
    InboxFilter(
      status: status, source: source, since: since, ids: ids, afterID: afterID, limit: limit)
  }
}
