/// A fixed bitset over interned ids: the kernel's one-load membership test for a vacancy's skill and title
/// sets. Ids at or beyond the size it was built with are simply absent (they were interned later, so no
/// vacancy set can hold them).
struct FeatureBits: Sendable, Hashable {
  /// The bits, 64 ids per word.
  private(set) var words: [UInt64]

  /// A bitset holding `ids`.
  init(_ ids: some Sequence<Int32>) {
    var words: [UInt64] = []
    for id in ids where id >= 0 {
      let word = Int(id) >> 6
      if word >= words.count {
        words.append(contentsOf: repeatElement(0, count: word - words.count + 1))
      }
      words[word] |= 1 << UInt64(id & 63)
    }
    self.words = words
  }

  /// Whether `id` is in the set.
  @inline(__always)
  func contains(_ id: Int32) -> Bool {
    let word = Int(id) >> 6
    guard id >= 0, word < words.count else { return false }
    return words[word] & (1 << UInt64(id & 63)) != 0
  }
}
