public import Foundation

/// Which stored deliveries to list.
public struct InboxFilter: Sendable, Hashable {
  /// Only this status.
  public var status: InboxStatus?
  /// Only this source.
  public var source: String?
  /// Only deliveries received at or after this time.
  public var since: Date?
  /// Only these ids.
  public var ids: [Int64]?
  /// Only ids greater than this (keyset pagination).
  public var afterID: Int64?
  /// At most this many.
  public var limit: Int

  /// Creates a filter; the default lists the first 100 deliveries of every status.
  public init(
    status: InboxStatus? = nil, source: String? = nil, since: Date? = nil, ids: [Int64]? = nil,
    afterID: Int64? = nil, limit: Int = 100
  ) {
    self.status = status
    self.source = source
    self.since = since
    self.ids = ids
    self.afterID = afterID
    self.limit = limit
  }
}
