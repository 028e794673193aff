/// Per-vacancy lookup table that counts, in one pass over a candidate's ids, how many ids fall in each of
/// several small groups (the words of each accepted title, the parts of each accepted place).
///
/// For each id the table holds one 64-bit word per 8 groups with a 1 in byte lane `g % 8` when group `g`
/// holds the id; summing the words of a candidate's (distinct) ids gives every group's count in its lane
/// (SWAR counting). Lanes cannot overflow because a group holds at most `maxGroupSize` (< 256) ids.
struct FeatureLanes: Sendable, Hashable {
  /// Most ids one group may hold, so a lane's count stays below 256.
  static let maxGroupSize = 32

  /// Words per id: `ceil(groups / 8)`.
  let wordsPerID: Int
  /// How many groups there are.
  let groupCount: Int
  /// `wordsPerID` words for each id from 0 to the largest id in any group.
  private let table: [UInt64]

  /// Builds the table; each group must be distinct ids, at most `maxGroupSize` of them.
  init(groups: [[Int32]]) {
    groupCount = groups.count
    wordsPerID = (groups.count + 7) / 8
    let largest = groups.joined().max().map { Int($0) } ?? -1
    var table = [UInt64](repeating: 0, count: (largest + 1) * wordsPerID)
    for (group, ids) in groups.enumerated() {
      for id in ids where id >= 0 {
        table[Int(id) * wordsPerID + group / 8] |= 1 << UInt64(8 * (group % 8))
      }
    }
    self.table = table
  }

  /// The lane sums of word `word` over `ids`: byte `g % 8` is how many of `ids` group `8 * word + g` holds.
  @inline(__always)
  func laneSums(_ ids: [Int32], word: Int) -> UInt64 {
    var sum: UInt64 = 0
    let limit = table.count / Swift.max(wordsPerID, 1)
    for id in ids where id >= 0 && Int(id) < limit {
      sum &+= table[Int(id) * wordsPerID + word]
    }
    return sum
  }

  /// Whether any group holds `id`.
  @inline(__always)
  func anyGroupHolds(_ id: Int32) -> Bool {
    guard id >= 0, wordsPerID > 0 else { return false }
    let start = Int(id) * wordsPerID
    guard start < table.count else { return false }
    if wordsPerID == 1 { return table[start] != 0 }
    for word in 0..<wordsPerID where table[start + word] != 0 { return true }
    return false
  }

  /// The count of group `group` out of a `laneSums` result for its word.
  @inline(__always)
  static func lane(_ sums: UInt64, _ group: Int) -> Int {
    Int((sums >> UInt64(8 * (group % 8))) & 0xFF)
  }
}
