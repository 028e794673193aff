import Domain

/// Validates and normalises profile URLs and cuts them into provider batches. Pure.
///
/// One malformed URL fails a whole provider batch, so invalid URLs are set aside before batching;
/// duplicates (after normalisation) are sent once.
public enum ProfileURLBatcher {
  /// The outcome of preparing a list of URLs.
  public struct Prepared: Sendable, Hashable {
    /// Normalised URL for each input position; nil where the input is not a professional-network profile URL.
    public var normalized: [String?]
    /// The distinct valid normalised URLs, in first-seen order, cut into batches.
    public var batches: [[String]]
  }

  /// Validates, normalises, de-duplicates and batches `urls` (batch size clamped to 1...25).
  public static func prepare(_ urls: [String], batchSize: Int) -> Prepared {
    let size = min(max(batchSize, 1), 25)
    var normalized: [String?] = []
    var distinct: [String] = []
    var seen: Set<String> = []
    for url in urls {
      let value = validProfileURL(url)
      normalized.append(value)
      if let value, seen.insert(value).inserted { distinct.append(value) }
    }
    var batches: [[String]] = []
    var index = 0
    while index < distinct.count {
      batches.append(Array(distinct[index..<min(index + size, distinct.count)]))
      index += size
    }
    return Prepared(normalized: normalized, batches: batches)
  }

  /// The normalised form of a LinkedIn profile URL (`https://linkedin.com/in/<slug>`), or nil.
  public static func validProfileURL(_ text: String) -> String? {
    guard let url = ProfileURL.normalize(text), url.hasPrefix("https://linkedin.com/in/") else {
      return nil
    }
    let slug = url.dropFirst("https://linkedin.com/in/".count)
    guard !slug.isEmpty, !slug.contains("/"),
      slug.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "\"" && $0 != "\\" })
    else { return nil }
    return url
  }
}
