extension Configuration {
  /// How stored deliveries are processed and how long ignored bodies are kept.
  public struct Ingest: Sendable, Equatable {
    /// Hours the body of an ignored delivery is kept before it is dropped (0 = drop at once).
    public let ignoredBodyRetentionHours: Int
    /// Deliveries the inbox processor claims per transaction.
    public let processBatchSize: Int

    /// Creates ingest settings.
    public init(ignoredBodyRetentionHours: Int = 24, processBatchSize: Int = 200) {
      self.ignoredBodyRetentionHours = ignoredBodyRetentionHours
      self.processBatchSize = processBatchSize
    }

    /// The settings used when the `ingest` key is absent.
    public static let defaults = Ingest()

    /// The keys an ingest object may have.
    enum Key: String, CaseIterable {
      case ignoredBodyRetentionHours = "ignored_body_retention_hours"
      case processBatchSize = "process_batch_size"
    }

    /// Reads the `ingest` object.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let defaults = Self.defaults
      self.init(
        ignoredBodyRetentionHours: try object.optional(.ignoredBodyRetentionHours)?.integer(
          in: 0...8760)
          ?? defaults.ignoredBodyRetentionHours,
        processBatchSize: try object.optional(.processBatchSize)?.integer(in: 1...10_000)
          ?? defaults.processBatchSize)
    }
  }
}
