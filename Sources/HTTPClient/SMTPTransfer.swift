import CCurl

/// Runs one `SMTPMessage` hand-over on a worker's easy handle: envelope, upload callback, perform.
///
/// The read callback reaches this object through an unretained pointer that stays valid because
/// `perform` keeps the transfer alive until `curl_easy_perform` returns.
final class SMTPTransfer {
  private let message: SMTPMessage
  private let configuration: SMTPConfiguration
  private let control: TransferControl
  private var offset = 0

  private init(message: SMTPMessage, configuration: SMTPConfiguration, control: TransferControl) {
    self.message = message
    self.configuration = configuration
    self.control = control
  }

  /// Sends `message` on `handle`; success carries the server's final reply code.
  static func perform(
    _ message: SMTPMessage, configuration: SMTPConfiguration, on handle: CurlEasyHandle,
    control: TransferControl
  ) -> Result<Int, SMTPClientError> {
    let transfer = SMTPTransfer(message: message, configuration: configuration, control: control)
    return withExtendedLifetime(transfer) { transfer.run(on: handle) }
  }

  /// Configures the handle, performs, and maps the result; frees the recipient list on every path.
  private func run(on handle: CurlEasyHandle) -> Result<Int, SMTPClientError> {
    handle.reset()
    var recipients: UnsafeMutablePointer<curl_slist>?
    defer {
      curl_slist_free_all(recipients)
      handle.reset()  // drop the credentials and pointers into this transfer
    }
    guard !message.recipients.isEmpty,
      ([message.sender] + message.recipients).allSatisfy(SMTPMessage.isPlainAddress)
    else { return .failure(.invalidMessage) }
    do throws(HTTPClientError) {
      try configureSession(handle)
      try handle.set(CURLOPT_MAIL_FROM, message.sender)
      for recipient in message.recipients {
        guard let extended = curl_slist_append(recipients, recipient) else { throw .other }
        recipients = extended
      }
      try handle.set(CURLOPT_MAIL_RCPT, list: recipients)
      try configureUpload(handle)
      try handle.installAbortCheck(control)
    } catch {
      return .failure(SMTPClientError(transport: error, replyCode: nil))
    }
    let code = handle.perform()
    guard code == CURLE_OK else {
      let transport =
        code == CURLE_ABORTED_BY_CALLBACK
        ? (control.abortReason ?? .cancelled).with(curlCode: Int(code.rawValue))
        : CurlCode.error(for: code)
      return .failure(SMTPClientError(transport: transport, replyCode: handle.responseCode()))
    }
    return .success(handle.responseCode())
  }

  /// URL, protocols, TLS policy, credentials and time limits.
  private func configureSession(_ handle: CurlEasyHandle) throws(HTTPClientError) {
    try handle.set(CURLOPT_URL, configuration.url)
    try handle.set(CURLOPT_NOSIGNAL, 1)
    try handle.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
    try handle.set(CURLOPT_SSL_VERIFYPEER, 1)
    try handle.set(CURLOPT_SSL_VERIFYHOST, 2)
    if let path = configuration.caCertificatesPath { try handle.set(CURLOPT_CAINFO, path) }
    let useSSL =
      switch configuration.startTLS {
      case .required: CURLUSESSL_ALL
      case .ifOffered: CURLUSESSL_TRY
      case .never: CURLUSESSL_NONE
      }
    try handle.set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
    try handle.set(CURLOPT_TIMEOUT_MS, HTTPTransfer.milliseconds(configuration.timeout))
    try handle.set(
      CURLOPT_CONNECTTIMEOUT_MS, HTTPTransfer.milliseconds(configuration.connectTimeout))
    if let username = configuration.username {
      try handle.set(CURLOPT_USERNAME, username)
      try handle.set(CURLOPT_PASSWORD, configuration.password ?? "")
    }
  }

  /// The message bytes as an upload of known size, fed by the read callback.
  private func configureUpload(_ handle: CurlEasyHandle) throws(HTTPClientError) {
    try handle.set(CURLOPT_UPLOAD, 1)
    try handle.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.data.count))
    try handle.set(
      CURLOPT_READFUNCTION,
      callback: { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let transfer = Unmanaged<SMTPTransfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.read(
          into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
      })
    try handle.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
  }

  /// Copies the next bytes of the message into libcurl's buffer; 0 at the end.
  private func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let count = min(buffer.count, message.data.count - offset)
    guard count > 0 else { return 0 }
    message.data.withUnsafeBytes { bytes in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
    }
    offset += count
    return count
  }
}
