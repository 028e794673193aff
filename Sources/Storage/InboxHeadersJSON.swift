import Domain

/// The kept headers of a delivery as stored in `inbox.headers`: a JSON object with sorted keys.
///
/// Written by hand over UTF-8 bytes: it runs once per delivery while a burst is being received, where
/// Foundation's encoder (and appending to a `String` scalar by scalar) cost more than the insert itself.
enum InboxHeadersJSON {
  /// `headers` as a JSON object with sorted keys; control characters, quotes and backslashes escaped.
  static func encode(_ headers: [String: String]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      64 + headers.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
    bytes.append(UInt8(ascii: "{"))
    for (index, key) in headers.keys.sorted().enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONStringLiteral.append(key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
      JSONStringLiteral.append(headers[key] ?? "", to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }
}
