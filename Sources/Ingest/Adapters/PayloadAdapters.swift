/// The registry of payload adapters, looked up by the `format` a source names in its configuration.
public enum PayloadAdapters {
  /// Every adapter, one per format.
  public static let all: [any PayloadAdapter] = [
    CanonicalAdapter(),
    CrustdataWatchAdapter(),
    CrustdataLegacyWatcherAdapter(),
    CoresignalAdapter(),
    TAMradarAdapter(),
  ]

  /// The adapter for a format name, or nil when no adapter has that name.
  public static func adapter(for format: String) -> (any PayloadAdapter)? {
    all.first { $0.format == format }
  }

  /// The format names, in registry order (for configuration validation and help text).
  public static var formats: [String] { all.map(\.format) }
}
