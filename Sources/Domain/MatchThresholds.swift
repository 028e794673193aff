/// When a score change is worth telling the recruiter: reaching `notifyThreshold`, or moving by at least
/// `notifyDelta` points (configuration `notify_threshold`, `notify_delta`).
public struct MatchThresholds: Sendable, Hashable, Codable {
  /// Defaults: threshold 70, delta 10.
  public static let standard = MatchThresholds(validated: 70, notifyDelta: 10)

  /// A score at or above this, coming from below it, raises `crossedThreshold`.
  public let notifyThreshold: Int
  /// A move of at least this many points (up or down) raises `movedByDelta`.
  public let notifyDelta: Int

  /// Creates thresholds; the threshold must be `1...100` and the delta `1...100`.
  public init(notifyThreshold: Int = 70, notifyDelta: Int = 10) throws(MatchError) {
    guard (1...100).contains(notifyThreshold) else {
      throw .invalidThresholds("notify_threshold must be between 1 and 100")
    }
    guard (1...100).contains(notifyDelta) else {
      throw .invalidThresholds("notify_delta must be between 1 and 100")
    }
    self.init(validated: notifyThreshold, notifyDelta: notifyDelta)
  }

  private init(validated notifyThreshold: Int, notifyDelta: Int) {
    self.notifyThreshold = notifyThreshold
    self.notifyDelta = notifyDelta
  }

  private enum CodingKeys: String, CodingKey {
    case notifyThreshold = "notify_threshold"
    case notifyDelta = "notify_delta"
  }

  /// Decodes thresholds with the same checks as the initialiser.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      notifyThreshold: container.decodeIfPresent(Int.self, forKey: .notifyThreshold) ?? 70,
      notifyDelta: container.decodeIfPresent(Int.self, forKey: .notifyDelta) ?? 10)
  }
}
