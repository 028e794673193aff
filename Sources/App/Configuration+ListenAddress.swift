extension Configuration {
  /// Where the server listens: a host (name, IPv4, or IPv6 without brackets) and a TCP port (0 = any free one).
  public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host part, without IPv6 brackets.
    public let host: String
    /// The TCP port; 0 asks the operating system for a free one.
    public let port: UInt16

    /// Creates an address from its parts.
    public init(host: String, port: UInt16) {
      self.host = host
      self.port = port
    }

    /// Parses `HOST:PORT` (`127.0.0.1:8080`, `localhost:0`, `[::1]:8080`); nil when it is not that shape.
    public init?(parsing text: String) {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      var host = Substring(text[..<colon])
      let portText = text[text.index(after: colon)...]
      if host.hasPrefix("[") && host.hasSuffix("]") {
        host = host.dropFirst().dropLast()
        guard host.contains(":") else { return nil }
      } else if host.contains(":") {
        return nil
      }
      guard !host.isEmpty,
        !host.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "[" || $0 == "]" })
      else { return nil }
      guard !portText.isEmpty, portText.count <= 5,
        portText.allSatisfy({ $0.isASCII && $0.isNumber }),
        let port = UInt16(portText)
      else { return nil }
      self.init(host: String(host), port: port)
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String {
      host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `127.0.0.1:8080`, the built-in default.
    public static let localDefault = ListenAddress(host: "127.0.0.1", port: 8080)
  }
}
