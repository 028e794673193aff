import Foundation

/// One stored delivery in the fixture layout (`NAME.body` byte-exact beside `NAME.meta.json`).
///
/// Only the metadata is held; the body is read when the delivery is sent, so a replay keeps one body per
/// sender in memory, never all of them.
struct ReplayFixture: Sendable, Equatable {
  /// The `.body` file.
  let bodyPath: String
  /// The file name without `.body`, shown when the meta file names no delivery id.
  let stem: String
  /// The delivery id to send (`delivery_id` in the meta file, else the stem).
  let deliveryID: String
  /// The scheme the meta file suggests (`standard-webhooks`, `crustdata`, `github`), if any.
  let scheme: String?

  /// Reads the fixture whose body is at `bodyPath`; the meta file beside it is optional.
  init(bodyPath: String) throws {
    self.bodyPath = bodyPath
    let stem = String((bodyPath as NSString).lastPathComponent.dropLast(".body".count))
    self.stem = stem
    let metaPath = String(bodyPath.dropLast(".body".count)) + ".meta.json"
    var deliveryID = stem
    var scheme: String?
    if let data = FileManager.default.contents(atPath: metaPath) {
      guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw ReplayError("\(metaPath): not a JSON object")
      }
      if let id = object["delivery_id"] as? String, !id.isEmpty { deliveryID = id }
      scheme = object["scheme"] as? String
    }
    self.deliveryID = deliveryID
    self.scheme = scheme
  }

  /// The body, byte for byte.
  func readBody() throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: bodyPath) else {
      throw ReplayError("\(bodyPath): cannot be read")
    }
    return [UInt8](data)
  }

  /// Writes a fixture pair into `directory` as `stem.body` and `stem.meta.json`; returns the body's path.
  static func write(
    body: [UInt8], meta: [String: Any], stem: String, into directory: String
  ) throws -> String {
    let base = (directory as NSString).appendingPathComponent(stem)
    let metaData = try JSONSerialization.data(
      withJSONObject: meta, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    try Data(body).write(to: URL(fileURLWithPath: base + ".body"))
    try (metaData + Data("\n".utf8)).write(to: URL(fileURLWithPath: base + ".meta.json"))
    return base + ".body"
  }
}
