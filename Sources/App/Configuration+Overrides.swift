extension Configuration {
  /// Values given on the command line that replace the file's (`--db PATH`, `serve --listen HOST:PORT`).
  public struct Overrides: Sendable, Equatable {
    /// Replaces `database`.
    public var database: String?
    /// Replaces `listen`.
    public var listen: ListenAddress?

    /// Creates overrides; nil leaves the file's value.
    public init(database: String? = nil, listen: ListenAddress? = nil) {
      self.database = database
      self.listen = listen
    }
  }
}
