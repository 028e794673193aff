public import Domain

extension Configuration {
  /// The re-matcher's settings (`matching`): when a score change is worth a notification, and where the
  /// synonym tables are.
  public struct Matching: Sendable, Equatable {
    /// A score reaching this from below raises a match event (`notify_threshold`, 1–100).
    public let notifyThreshold: Int
    /// A move of at least this many points raises a match event (`notify_delta`, 1–100).
    public let notifyDelta: Int
    /// The directory holding `skill-synonyms.json`, `title-synonyms.json`, `location-synonyms.json`.
    public let synonymsDirectory: String

    /// Creates matching settings.
    public init(
      notifyThreshold: Int = 70, notifyDelta: Int = 10,
      synonymsDirectory: String = "fixtures/matching"
    ) {
      self.notifyThreshold = notifyThreshold
      self.notifyDelta = notifyDelta
      self.synonymsDirectory = synonymsDirectory
    }

    /// The settings used when the `matching` key is absent.
    public static let defaults = Matching()

    /// The thresholds for `MatchEventPolicy` (both values were range-checked when read).
    public var thresholds: MatchThresholds {
      (try? MatchThresholds(notifyThreshold: notifyThreshold, notifyDelta: notifyDelta))
        ?? .standard
    }

    /// The keys a matching object may have.
    enum Key: String, CaseIterable {
      case notifyThreshold = "notify_threshold"
      case notifyDelta = "notify_delta"
      case synonymsDir = "synonyms_dir"
    }

    /// Reads the `matching` object.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let defaults = Self.defaults
      self.init(
        notifyThreshold: try object.optional(.notifyThreshold)?.integer(in: 1...100)
          ?? defaults.notifyThreshold,
        notifyDelta: try object.optional(.notifyDelta)?.integer(in: 1...100)
          ?? defaults.notifyDelta,
        synonymsDirectory: try object.optional(.synonymsDir)?.nonEmptyString()
          ?? defaults.synonymsDirectory)
    }
  }
}
