import Foundation
import Glibc

/// A response as read off the wire by `ServerTestClient`.
struct ServerTestResponse: Sendable {
  /// The status code from the status line.
  let status: Int
  /// Header fields in the order received.
  let headers: [(name: String, value: String)]
  /// The body bytes.
  let body: [UInt8]

  /// The first value of header `name`, case-insensitive.
  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// The body as UTF-8 text.
  var text: String { String(decoding: body, as: UTF8.self) }

  /// The body parsed as a JSON object, or nil.
  var jsonObject: [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
  }
}

/// Why the test client failed.
enum ServerTestClientError: Error, Equatable {
  /// `connect` failed with this errno (ECONNREFUSED when nothing listens).
  case connect(Int32)
  /// `send` failed with this errno.
  case send(Int32)
  /// `recv` failed with this errno (EAGAIN on the receive timeout).
  case receive(Int32)
  /// The peer closed before a full response arrived.
  case closedEarly
  /// The response could not be parsed.
  case malformed
}

/// A minimal blocking HTTP/1.1 client over one loopback TCP socket, so the server is tested without libcurl.
final class ServerTestClient: @unchecked Sendable {
  // One test drives a client at a time; it only changes threads across an await, never concurrently.
  private let socket: Int32
  private var pending: [UInt8] = []

  /// Connects to 127.0.0.1:`port`; reads give up after `timeoutSeconds`.
  init(port: Int, timeoutSeconds: Int = 10) throws {
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServerTestClientError.connect(errno) }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      close(fd)
      throw ServerTestClientError.connect(code)
    }
    socket = fd
  }

  /// Closes the socket.
  deinit {
    close(socket)
  }

  /// Sends all of `bytes` (no SIGPIPE when the server has closed).
  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { raw in
        Glibc.send(socket, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { throw ServerTestClientError.send(errno) }
      offset += sent
    }
  }

  /// Sends `text` as UTF-8.
  func send(_ text: String) throws {
    try send(Array(text.utf8))
  }

  /// Sends one request with `Content-Length` when there is a body, and reads its response.
  func request(
    _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
  ) throws -> ServerTestResponse {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if !body.isEmpty || method == "POST" || method == "PUT" {
      head += "Content-Length: \(body.count)\r\n"
    }
    head += "\r\n"
    try send(Array(head.utf8) + body)
    return try readResponse(forHead: method == "HEAD")
  }

  /// True when bytes (or end of stream) can be read within `milliseconds`.
  func isReadable(within milliseconds: Int32) -> Bool {
    if !pending.isEmpty { return true }
    var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, milliseconds) > 0
  }

  /// Reads until the server closes the connection; true when it did so (false on timeout).
  func waitForClose() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(socket, &chunk, chunk.count, 0)
      if count == 0 { return true }
      if count < 0 { return errno == ECONNRESET }
      pending.append(contentsOf: chunk[0..<count])
    }
  }

  /// Reads exactly one response (by `Content-Length`, chunked coding, or until close).
  func readResponse(forHead: Bool = false) throws -> ServerTestResponse {
    let headEnd = try readUntilHeadEnd()
    let headText = String(decoding: pending[0..<headEnd], as: UTF8.self)
    pending.removeFirst(headEnd + 4)
    var lines = headText.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
      throw ServerTestClientError.malformed
    }
    let headers = lines.compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (
        name: String(line[..<colon]),
        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      )
    }
    let response = { (body: [UInt8]) in
      ServerTestResponse(status: status, headers: headers, body: body)
    }
    if forHead || status == 204 || status == 304 || (100..<200).contains(status) {
      return response([])
    }
    if let length = headers.first(where: { $0.name.lowercased() == "content-length" }).flatMap({
      Int($0.value)
    }) {
      try fill(to: length)
      let body = Array(pending[0..<length])
      pending.removeFirst(length)
      return response(body)
    }
    if headers.contains(where: { $0.name.lowercased() == "transfer-encoding" }) {
      return response(try readChunkedBody())
    }
    while try receiveMore() {}
    defer { pending.removeAll() }
    return response(pending)
  }

  /// Reads a chunked body.
  private func readChunkedBody() throws -> [UInt8] {
    var body: [UInt8] = []
    while true {
      let lineEnd = try readUntil([13, 10])
      let sizeText = String(decoding: pending[0..<lineEnd], as: UTF8.self)
      pending.removeFirst(lineEnd + 2)
      guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else {
        throw ServerTestClientError.malformed
      }
      if size == 0 {
        _ = try readUntil([13, 10])
        return body
      }
      try fill(to: size + 2)
      body.append(contentsOf: pending[0..<size])
      pending.removeFirst(size + 2)
    }
  }

  /// The index of the blank line ending the head, reading as needed.
  private func readUntilHeadEnd() throws -> Int {
    try readUntil([13, 10, 13, 10])
  }

  /// The index of `marker` in the pending bytes, reading as needed.
  private func readUntil(_ marker: [UInt8]) throws -> Int {
    var searchFrom = 0
    while true {
      if pending.count >= marker.count {
        for index in searchFrom...(pending.count - marker.count)
        where pending[index..<(index + marker.count)].elementsEqual(marker) {
          return index
        }
        searchFrom = pending.count - marker.count + 1
      }
      guard try receiveMore() else { throw ServerTestClientError.closedEarly }
    }
  }

  /// Reads until at least `count` bytes are pending.
  private func fill(to count: Int) throws {
    while pending.count < count {
      guard try receiveMore() else { throw ServerTestClientError.closedEarly }
    }
  }

  /// One `recv`; false at end of stream.
  private func receiveMore() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 16_384)
    let count = recv(socket, &chunk, chunk.count, 0)
    if count == 0 { return false }
    guard count > 0 else { throw ServerTestClientError.receive(errno) }
    pending.append(contentsOf: chunk[0..<count])
    return true
  }
}
