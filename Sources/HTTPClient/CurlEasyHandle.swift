import CCurl

/// One libcurl easy handle, owned by one worker thread and reused so that connections stay open.
///
/// Not Sendable: libcurl forbids using a handle from two threads at once, and only its worker touches it.
/// Options are set through the typed shim wrappers; a failed option becomes an `HTTPClientError`.
final class CurlEasyHandle {
  /// The raw `CURL *`; valid for the lifetime of this object.
  let raw: UnsafeMutableRawPointer

  /// Creates a handle, or nil when libcurl cannot (not initialised, out of memory).
  init?() {
    guard CurlGlobal.ensureInitialised(), let raw = curl_easy_init() else { return nil }
    self.raw = raw
  }

  deinit {
    curl_easy_cleanup(raw)
  }

  /// Clears every option from the previous request while keeping the connection and DNS caches.
  func reset() {
    curl_easy_reset(raw)
  }

  /// Sets a `long` option.
  func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
    try check(tw_curl_easy_setopt_long(raw, option, value))
  }

  /// Sets a `curl_off_t` option.
  func set(_ option: CURLoption, offset value: Int64) throws(HTTPClientError) {
    try check(tw_curl_easy_setopt_off_t(raw, option, curl_off_t(value)))
  }

  /// Sets a string option; libcurl copies the string (all string options except `POSTFIELDS`).
  func set(_ option: CURLoption, _ value: String) throws(HTTPClientError) {
    guard !value.utf8.contains(0) else { throw .invalidRequest }
    try check(value.withCString { tw_curl_easy_setopt_string(raw, option, $0) })
  }

  /// Sets a pointer option; the caller keeps the pointee alive for as long as libcurl may use it.
  func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPClientError) {
    try check(tw_curl_easy_setopt_pointer(raw, option, value))
  }

  /// Sets a string-list option; the caller frees the list after the transfer.
  func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?)
    throws(HTTPClientError)
  {
    try check(tw_curl_easy_setopt_slist(raw, option, value))
  }

  /// Sets a read, write or header callback.
  func set(_ option: CURLoption, callback value: tw_curl_data_callback) throws(HTTPClientError) {
    try check(tw_curl_easy_setopt_data_callback(raw, option, value))
  }

  /// Installs the progress callback that aborts the transfer once `control` carries a reason.
  func installAbortCheck(_ control: TransferControl) throws(HTTPClientError) {
    try check(
      tw_curl_easy_setopt_xferinfo_callback(
        raw, CURLOPT_XFERINFOFUNCTION,
        { context, _, _, _, _ in
          guard let context else { return 0 }
          let control = Unmanaged<TransferControl>.fromOpaque(context).takeUnretainedValue()
          return control.abortReason == nil ? 0 : 1
        }))
    try set(CURLOPT_XFERINFODATA, pointer: Unmanaged.passUnretained(control).toOpaque())
    try set(CURLOPT_NOPROGRESS, 0)
  }

  /// Runs the transfer configured on this handle; blocks the calling thread until it ends.
  func perform() -> CURLcode {
    curl_easy_perform(raw)
  }

  /// The last response code (HTTP status, or SMTP reply code).
  func responseCode() -> Int {
    var code = 0
    _ = tw_curl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
    return code
  }

  /// The size of the request sent in the last transfer (0 when nothing was sent).
  func bytesSent() -> Int {
    var size = 0
    _ = tw_curl_easy_getinfo_long(raw, CURLINFO_REQUEST_SIZE, &size)
    return size
  }

  /// Turns a failed `curl_easy_setopt` into an error; an unknown option is a broken build, reported as `.other`.
  private func check(_ code: CURLcode) throws(HTTPClientError) {
    guard code == CURLE_OK else { throw CurlCode.error(for: code) }
  }
}
