import Foundation
import Storage

/// The JSON shapes of `inbox list --json` and `inbox show --json` (keys per INTERFACES.md), and the
/// fixture metadata `inbox export` writes.
enum ReplayInboxJSON {
  /// One delivery's metadata: at least id, source, delivery_id, status and received_at (RFC 3339).
  static func object(_ entry: InboxEntry) -> [String: Any] {
    var object: [String: Any] = [
      "id": entry.id, "source": entry.source, "delivery_id": entry.deliveryID,
      "status": entry.status.rawValue, "received_at": ReplayTime.format(entry.receivedAt),
      "scheme": entry.scheme, "format": entry.format, "signals": entry.signalCount,
      "ignored": entry.ignoredCount, "attempts": entry.attempts, "body_size": entry.bodySize,
    ]
    object["error"] = entry.error ?? NSNull()
    object["signed_at"] = entry.signedAt.map(ReplayTime.format) ?? NSNull()
    object["processed_at"] = entry.processedAt.map(ReplayTime.format) ?? NSNull()
    return object
  }

  /// The fixture metadata for an exported delivery (the layout of `fixtures/README.md`).
  static func fixtureMeta(_ entry: InboxEntry) -> [String: Any] {
    [
      "source": entry.source, "scheme": entry.scheme, "format": entry.format,
      "delivery_id": entry.deliveryID, "event_kind": "exported",
      "description":
        "Exported from inbox id \(entry.id) (status \(entry.status.rawValue)), received "
        + ReplayTime.format(entry.receivedAt) + ".",
      "received_at": ReplayTime.format(entry.receivedAt),
    ]
  }

  /// `value` as JSON text: sorted keys, slashes unescaped, pretty when asked.
  static func text(_ value: Any, pretty: Bool = false) throws -> String {
    var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
    if pretty { options.insert(.prettyPrinted) }
    return String(
      decoding: try JSONSerialization.data(withJSONObject: value, options: options), as: UTF8.self)
  }

  /// Opens the configured database for reading, with a sentence when it is not there.
  static func openForReading(_ configuration: Configuration) throws -> Database {
    guard FileManager.default.fileExists(atPath: configuration.database) else {
      throw ReplayError("no database at \(configuration.database) (has serve or migrate run?)")
    }
    return try Database(path: configuration.database, readerCount: 1, readOnly: true)
  }
}
