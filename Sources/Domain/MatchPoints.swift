/// The points of one score per feature, packed into one integer: byte `i` holds the points of
/// `MatchFeature.allCases[i]`. This is how a breakdown is stored (7 bytes); the sentences are rebuilt on
/// read from the feature snapshots, so equal breakdowns are equal values and comparing them is one compare.
public struct MatchPoints: Sendable, Hashable, CustomStringConvertible {
  /// How many features (and bytes) a breakdown has.
  public static let count = MatchFeature.allCases.count

  /// The packed points, feature `i` in bits `8 * i ..< 8 * i + 8`.
  public let packed: UInt64

  /// Points packed as `packed` (as read back from `bytes`).
  public init(packed: UInt64) { self.packed = packed }

  /// Points of each feature in `MatchFeature.allCases` order; nil unless there are exactly `count` values,
  /// each within its feature's maximum.
  public init?(_ values: some Collection<Int>) {
    guard values.count == Self.count else { return nil }
    var packed: UInt64 = 0
    for (index, (value, feature)) in zip(values, MatchFeature.allCases).enumerated() {
      guard (0...feature.maxPoints).contains(value) else { return nil }
      packed |= UInt64(value) << UInt64(8 * index)
    }
    self.packed = packed
  }

  /// The points of a computed or stored breakdown (features missing from it count 0).
  public init(_ contributions: [MatchContribution]) {
    var packed: UInt64 = 0
    for part in contributions {
      guard let index = MatchFeature.allCases.firstIndex(of: part.feature) else { continue }
      packed |= UInt64(UInt8(clamping: part.points)) << UInt64(8 * index)
    }
    self.packed = packed
  }

  /// The points of `feature`.
  public subscript(feature: MatchFeature) -> Int {
    guard let index = MatchFeature.allCases.firstIndex(of: feature) else { return 0 }
    return self[index]
  }

  /// The points of the feature at `index` in `MatchFeature.allCases`.
  public subscript(index: Int) -> Int { Int((packed >> UInt64(8 * index)) & 0xFF) }

  /// The total: the sum of every feature's points.
  public var total: Int { (0..<Self.count).reduce(0) { $0 + self[$1] } }

  /// The points as `count` bytes, in `MatchFeature.allCases` order (the stored form).
  public var bytes: [UInt8] { (0..<Self.count).map { UInt8(self[$0]) } }

  /// Points read from `count` stored bytes; nil when there are too few or one exceeds its maximum.
  public init?(bytes: ArraySlice<UInt8>) {
    guard bytes.count >= Self.count else { return nil }
    self.init(bytes.prefix(Self.count).map { Int($0) })
  }

  /// `required_skills 30, title 15, ...`.
  public var description: String {
    MatchFeature.allCases.enumerated().map { "\($1.rawValue) \(self[$0])" }.joined(
      separator: ", ")
  }
}
