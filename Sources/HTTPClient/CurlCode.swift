import CCurl

/// Maps libcurl result codes to `HTTPClientError` kinds and names them, in one place.
enum CurlCode {
  /// The error for a failed `curl_easy_perform`; callers handle codes whose cause they know better
  /// (an aborting progress callback, an over-limit write callback) before asking here.
  static func error(for code: CURLcode) -> HTTPClientError {
    let base: HTTPClientError =
      switch code {
      case CURLE_OPERATION_TIMEDOUT:
        .timeout
      case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
        .connectFailed
      case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
        CURLE_HTTP2_STREAM:
        .connectionLost
      case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
        CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND,
        CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
        CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED:
        .tls
      case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
        .invalidURL
      case CURLE_TOO_MANY_REDIRECTS:
        .tooManyRedirects
      case CURLE_WEIRD_SERVER_REPLY:
        .invalidResponse
      case CURLE_ABORTED_BY_CALLBACK:
        .cancelled
      default:
        .other
      }
    return base.with(curlCode: Int(code.rawValue))
  }

  /// libcurl's generic text for a code (no request data in it).
  static func message(_ code: Int) -> String {
    guard let raw = UInt32(exactly: code), let text = curl_easy_strerror(CURLcode(rawValue: raw))
    else {
      return "unknown"
    }
    return String(cString: text)
  }
}
