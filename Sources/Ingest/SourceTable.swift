import Synchronization

/// The webhook sources by name, swappable while serving (SIGHUP reload rotates secrets this way).
///
/// Copies of a `WebhookEndpoint` share one table; a lookup takes the lock once per request.
public final class SourceTable: Sendable {
  private let sources: Mutex<[String: IngestSource]>

  /// Creates the table; the first source of a repeated name wins.
  public init(_ list: [IngestSource]) {
    sources = Mutex(Self.index(list))
  }

  /// The source posting to `/webhooks/{name}`, if any.
  public func source(named name: String) -> IngestSource? {
    sources.withLock { $0[name] }
  }

  /// Replaces every source at once; requests already verifying keep the source they looked up.
  public func replace(with list: [IngestSource]) {
    let indexed = Self.index(list)
    sources.withLock { $0 = indexed }
  }

  /// The names served, sorted.
  public var names: [String] { sources.withLock { $0.keys.sorted() } }

  private static func index(_ list: [IngestSource]) -> [String: IngestSource] {
    Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
