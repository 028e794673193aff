import CCurl
import Foundation

/// Runs one `HTTPClientRequest` on a worker's easy handle: options, callbacks, perform, outcome.
///
/// Lives on the worker thread for the duration of one `curl_easy_perform`; the callbacks reach it
/// through an unretained pointer that stays valid because `perform` keeps the transfer alive.
final class HTTPTransfer {
  private let request: HTTPClientRequest
  private let control: TransferControl
  private var status = 0
  private var headers: [(name: String, value: String)] = []
  private var body: [UInt8] = []
  private var exceededLimit = false

  private init(request: HTTPClientRequest, control: TransferControl) {
    self.request = request
    self.control = control
  }

  /// Performs `request` on `handle` and returns the response or the typed failure.
  static func perform(
    _ request: HTTPClientRequest, userAgent: String, on handle: CurlEasyHandle,
    control: TransferControl
  ) -> Result<HTTPClientResponse, HTTPClientError> {
    let transfer = HTTPTransfer(request: request, control: control)
    return withExtendedLifetime(transfer) {
      transfer.run(on: handle, userAgent: userAgent)
    }
  }

  /// Configures the handle, performs, and maps the result; frees what it allocated on every path.
  private func run(on handle: CurlEasyHandle, userAgent: String) -> Result<
    HTTPClientResponse, HTTPClientError
  > {
    handle.reset()
    var headerList: UnsafeMutablePointer<curl_slist>?
    var resolveList: UnsafeMutablePointer<curl_slist>?
    var bodyCopy: UnsafeMutableRawBufferPointer?
    defer {
      curl_slist_free_all(headerList)
      curl_slist_free_all(resolveList)
      bodyCopy?.deallocate()
      handle.reset()  // drop pointers into this transfer so nothing dangles between requests
    }
    do throws(HTTPClientError) {
      try Self.validate(request)
      try configureConnection(handle, userAgent: userAgent)
      bodyCopy = try configureMethodAndBody(handle)
      headerList = try Self.headerList(for: request)
      try handle.set(CURLOPT_HTTPHEADER, list: headerList)
      if !request.pinnedAddresses.isEmpty {
        resolveList = try Self.resolveList(for: request)
        try handle.set(CURLOPT_RESOLVE, list: resolveList)
        try handle.set(CURLOPT_PROXY, "")
      }
      try configureCallbacks(handle)
    } catch {
      return .failure(error)
    }
    let clock = ContinuousClock()
    let start = clock.now
    let code = handle.perform()
    let elapsed = clock.now - start
    guard code == CURLE_OK else { return .failure(failure(for: code, on: handle)) }
    return .success(
      HTTPClientResponse(
        status: handle.responseCode(), headers: headers, body: body, elapsed: elapsed))
  }

  /// The error for a failed perform, knowing why our own callbacks may have stopped it.
  private func failure(for code: CURLcode, on handle: CurlEasyHandle) -> HTTPClientError {
    let curlCode = Int(code.rawValue)
    if code == CURLE_WRITE_ERROR, exceededLimit {
      return HTTPClientError.responseTooLarge.with(curlCode: curlCode)
    }
    if code == CURLE_ABORTED_BY_CALLBACK, let reason = control.abortReason {
      return reason.with(curlCode: curlCode)
    }
    if code == CURLE_UNSUPPORTED_PROTOCOL, handle.bytesSent() > 0 {
      // libcurl reports an answer without an HTTP/1.x status line (HTTP/0.9) with this code too.
      return HTTPClientError.invalidResponse.with(curlCode: curlCode)
    }
    return CurlCode.error(for: code)
  }

  /// `CURLOPT_RESOLVE` entries pinning the URL's host and port to `pinnedAddresses`: first one removing
  /// whatever an earlier transfer on this handle left in its DNS cache for them, then the pin.
  private static func resolveList(for request: HTTPClientRequest) throws(HTTPClientError)
    -> UnsafeMutablePointer<curl_slist>?
  {
    guard let components = URLComponents(string: request.url), let rawHost = components.host,
      !rawHost.isEmpty
    else { throw HTTPClientError.invalidURL }
    let host =
      rawHost.hasPrefix("[") && rawHost.hasSuffix("]")
      ? String(rawHost.dropFirst().dropLast()) : rawHost
    let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
    let addresses = request.pinnedAddresses.map { $0.contains(":") ? "[\($0)]" : $0 }
    var list: UnsafeMutablePointer<curl_slist>?
    for line in ["-\(host):\(port)", "\(host):\(port):\(addresses.joined(separator: ","))"] {
      guard let extended = curl_slist_append(list, line) else {
        curl_slist_free_all(list)
        throw HTTPClientError.other
      }
      list = extended
    }
    return list
  }

  /// Safety and limits: no signals, verified TLS, http(s) only, timeouts, redirects only when asked.
  private func configureConnection(_ handle: CurlEasyHandle, userAgent: String)
    throws(HTTPClientError)
  {
    try handle.set(CURLOPT_URL, request.url)
    try handle.set(CURLOPT_NOSIGNAL, 1)
    try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
    try handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
    try handle.set(CURLOPT_SSL_VERIFYPEER, 1)
    try handle.set(CURLOPT_SSL_VERIFYHOST, 2)
    if let path = request.caCertificatesPath { try handle.set(CURLOPT_CAINFO, path) }
    try handle.set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
    try handle.set(CURLOPT_MAXREDIRS, 5)
    try handle.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
    try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
    try handle.set(CURLOPT_TCP_KEEPALIVE, 1)
    try handle.set(CURLOPT_USERAGENT, userAgent)
  }

  /// Method and body: GET and HEAD natively, bodies through `POSTFIELDS` from a copy the caller frees.
  private func configureMethodAndBody(_ handle: CurlEasyHandle) throws(HTTPClientError)
    -> UnsafeMutableRawBufferPointer?
  {
    let method = request.method.uppercased()
    let sendsBody = !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(method)
    if !sendsBody {
      switch method {
      case "GET": try handle.set(CURLOPT_HTTPGET, 1)
      case "HEAD": try handle.set(CURLOPT_NOBODY, 1)
      default: try handle.set(CURLOPT_CUSTOMREQUEST, request.method)
      }
      return nil
    }
    // POSTFIELDS is not copied by libcurl: this buffer lives until the transfer ends (freed by `run`).
    // At least one byte, so that an empty body still points somewhere and libcurl never reads stdin.
    let copy = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(request.body.count, 1), alignment: 1)
    copy.copyBytes(from: request.body)
    do throws(HTTPClientError) {
      try handle.set(CURLOPT_POST, 1)
      try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(request.body.count))
      try handle.set(CURLOPT_POSTFIELDS, pointer: copy.baseAddress)
      if method != "POST" { try handle.set(CURLOPT_CUSTOMREQUEST, request.method) }
    } catch {
      copy.deallocate()
      throw error
    }
    return copy
  }

  /// Body, header and progress callbacks, each reaching this transfer through an unretained pointer.
  private func configureCallbacks(_ handle: CurlEasyHandle) throws(HTTPClientError) {
    let context = Unmanaged.passUnretained(self).toOpaque()
    try handle.set(
      CURLOPT_WRITEFUNCTION,
      callback: { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
      })
    try handle.set(CURLOPT_WRITEDATA, pointer: context)
    try handle.set(
      CURLOPT_HEADERFUNCTION,
      callback: { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<HTTPTransfer>.fromOpaque(context).takeUnretainedValue()
        transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
      })
    try handle.set(CURLOPT_HEADERDATA, pointer: context)
    try handle.installAbortCheck(control)
  }

  /// Appends body bytes; returning less than given makes libcurl stop with `CURLE_WRITE_ERROR`.
  private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard body.count + bytes.count <= request.maximumResponseBytes else {
      exceededLimit = true
      return 0
    }
    body.append(contentsOf: bytes)
    return bytes.count
  }

  /// Records one header line; a status line starts a new header block (redirects, interim 1xx answers).
  private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
    var line = Substring(String(decoding: bytes, as: UTF8.self))
    while let last = line.last, last.isNewline { line.removeLast() }  // "\r\n" is one Character
    if line.hasPrefix("HTTP/") {
      headers.removeAll()
      return
    }
    guard !line.isEmpty else { return }
    if let first = line.first, first == " " || first == "\t" {
      // Obsolete line folding: the line continues the previous field's value.
      guard let previous = headers.popLast() else { return }
      headers.append((previous.name, previous.value + " " + Self.trimmed(line)))
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    headers.append((String(line[..<colon]), Self.trimmed(line[line.index(after: colon)...])))
  }

  /// Rejects what would corrupt the request line or header block.
  private static func validate(_ request: HTTPClientRequest) throws(HTTPClientError) {
    let method = request.method.utf8
    guard !method.isEmpty, method.allSatisfy({ isTokenByte($0) }) else { throw .invalidRequest }
    for (name, value) in request.headers {
      guard !name.utf8.isEmpty, name.utf8.allSatisfy({ isTokenByte($0) }),
        !value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 })
      else { throw .invalidRequest }
    }
    guard !request.url.utf8.contains(where: { $0 <= 32 || $0 == 127 }) else { throw .invalidURL }
  }

  /// The header list: the caller's fields, no `Expect: 100-continue`, no default form content type.
  private static func headerList(for request: HTTPClientRequest) throws(HTTPClientError)
    -> UnsafeMutablePointer<curl_slist>?
  {
    var lines: [String] = request.headers.map { name, value in
      // libcurl reads "Name:" as "remove this header"; "Name;" sends it with an empty value.
      value.isEmpty ? "\(name);" : "\(name): \(value)"
    }
    if request.header("Expect") == nil { lines.append("Expect:") }
    if request.header("Content-Type") == nil { lines.append("Content-Type:") }
    var list: UnsafeMutablePointer<curl_slist>?
    for line in lines {
      guard let extended = curl_slist_append(list, line) else {
        curl_slist_free_all(list)
        throw .other
      }
      list = extended
    }
    return list
  }

  /// A `Duration` in whole milliseconds for libcurl, at least 1 (0 would mean "no limit").
  static func milliseconds(_ duration: Duration) -> Int {
    let parts = duration.components
    guard parts.seconds < Int64(Int.max / 1000) else { return Int.max }
    let total = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    return Int(max(total, 1))
  }

  /// Whether `byte` may appear in an HTTP token (method, header name).
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default:
      "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }

  /// `text` without leading and trailing spaces and tabs.
  private static func trimmed(_ text: Substring) -> String {
    var slice = text
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return String(slice)
  }
}
