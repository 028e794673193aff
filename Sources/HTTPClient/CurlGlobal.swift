import CCurl

/// Runs `curl_global_init` exactly once per process, before the first easy handle is created.
enum CurlGlobal {
  /// The result of the one initialisation; Swift initialises a global `let` lazily and thread-safely.
  private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

  /// Initialises libcurl if that has not happened yet; false when it failed.
  @discardableResult
  static func ensureInitialised() -> Bool { initialised }
}
