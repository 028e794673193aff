import Foundation

/// A score migrated from the old `match_scores` layout, kept in `match_log.legacy` as
/// `{"score": 74, "contributions": "<the stored JSON>"}`: its sentences cannot be rebuilt (no snapshot
/// was kept), so the stored ones are shown as they were.
struct LegacyScore: Sendable, Hashable {
  /// The stored total.
  var score: Int
  /// The stored contributions JSON.
  var contributions: String

  /// The `legacy` column's JSON.
  var json: String {
    let object: [String: Any] = ["score": score, "contributions": contributions]
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// A legacy score.
  init(score: Int, contributions: String) {
    self.score = score
    self.contributions = contributions
  }

  /// Reads the `legacy` column; nil when it is not such an object.
  init?(json: String) {
    guard
      let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
      let score = (object["score"] as? NSNumber)?.intValue,
      let contributions = object["contributions"] as? String
    else { return nil }
    self.init(score: score, contributions: contributions)
  }
}
