extension Logger {
  /// The one place that decides which metadata values are never written.
  ///
  /// A key is sensitive when its last dotted segment (`http.request.authorization` → `authorization`)
  /// contains one of `words`, case-insensitively. Containment rather than equality errs towards
  /// redacting (`request_body`, `x_api_key`, `token_sha256` are all caught).
  public enum Redaction {
    /// What a sensitive value is written as.
    public static let placeholder = "[redacted]"

    /// Words whose presence in a key's last segment hides its value.
    public static let words = [
      "secret", "token", "password", "authorization", "signature", "body", "payload", "email",
      "phone",
      "api_key", "cookie",
    ]

    /// Whether the value under `key` must be redacted.
    public static func isSensitive(_ key: String) -> Bool {
      let last =
        key.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? key
      let lowered = last.lowercased()
      return words.contains { lowered.contains($0) }
    }
  }
}
