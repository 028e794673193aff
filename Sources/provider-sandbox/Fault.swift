/// What the sandbox does to one enrich call instead of answering it (or `.none`).
enum Fault: String, Sendable, Equatable, Codable {
  /// Answer normally.
  case none
  /// 429 with `Retry-After: 1`.
  case rateLimited = "429"
  /// 500.
  case serverError = "500"
  /// A 504 after `--slow-seconds`, past a client's timeout; the server thread is not blocked.
  case slow
  /// A 200 whose body is cut-off JSON.
  case malformed
}
